/**
 * The last step of every render: each object given its namespace and marked as the app's
 * (see `ownership`), and two objects with the same identity refused, naming both origins.
 */
import { keyOf, subjectOf, type KubeObject } from "@/lib/types";

import { createNamespacedCheck, type IsNamespaced } from "./namespacing";
import { claimObject } from "./ownership";
import type { SourcedObject } from "./parse-manifests";
import { RenderError } from "./render-error";

/** Whose objects they are and where they go. */
export interface SettleOptions {
  /** The app's name, written into the app label and tracking annotation. */
  appName: string;
  /** Namespace given to namespaced objects that do not name one. */
  destNamespace: string;
  /** What the cluster knows about namespacedness. @default the rendered CRDs and the built-in kinds */
  isNamespaced?: IsNamespaced;
}

/**
 * The app's desired objects from what a render read, in the same order.
 * @throws RenderError when two objects have the same group, kind, namespace and name.
 */
export function settleObjects(sourced: readonly SourcedObject[], options: SettleOptions): KubeObject[] {
  const isNamespaced = createNamespacedCheck(
    sourced.map(({ object }) => object),
    options.isNamespaced,
  );
  const claimed = sourced.map(({ object, source }) => ({
    source,
    object: claimObject(object, {
      appName: options.appName,
      destNamespace: options.destNamespace,
      isNamespaced: isNamespaced(object.apiVersion, object.kind),
    }),
  }));
  assertUnique(claimed);
  return claimed.map(({ object }) => object);
}

/** Refuses two objects with the same group, kind, namespace and name, naming both origins. */
function assertUnique(objects: readonly SourcedObject[]): void {
  const seen = new Map<string, string>();
  for (const { object, source } of objects) {
    const subject = subjectOf(keyOf(object));
    const first = seen.get(subject);
    if (first !== undefined) throw new RenderError(`duplicate object ${subject}: defined in ${first} and in ${source}`);
    seen.set(subject, source);
  }
}
