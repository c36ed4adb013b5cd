/**
 * Deciding whether an object is namespaced without a cluster at hand: ask the
 * caller (who may know from discovery), then the CustomResourceDefinitions
 * rendered alongside it, then the list of built-in cluster-scoped kinds;
 * anything still unknown is taken as namespaced, as most kinds are.
 */
import { groupOf, type KubeObject } from "@/lib/types";

import { isBuiltInClusterScoped } from "./cluster-scoped";

/**
 * Whether objects of `kind` in `apiVersion` are namespaced, or `undefined` when
 * the answer is not known (e.g. a CRD not installed yet).
 */
export type IsNamespaced = (apiVersion: string, kind: string) => boolean | undefined;

/** Builds the full decision from the caller's answer and the objects being rendered. */
export function createNamespacedCheck(objects: readonly KubeObject[], callerCheck?: IsNamespaced): (apiVersion: string, kind: string) => boolean {
  const crdScopes = scopesFromCrds(objects);
  return (apiVersion, kind) =>
    callerCheck?.(apiVersion, kind) ?? crdScopes.get(`${groupOf(apiVersion)}/${kind}`) ?? !isBuiltInClusterScoped(apiVersion, kind);
}

/** `group/kind` → namespaced?, for every CustomResourceDefinition among `objects`. */
function scopesFromCrds(objects: readonly KubeObject[]): Map<string, boolean> {
  const scopes = new Map<string, boolean>();
  for (const object of objects) {
    if (object.kind !== "CustomResourceDefinition" || groupOf(object.apiVersion) !== "apiextensions.k8s.io") continue;
    const spec = object.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown } } | undefined;
    if (typeof spec?.group === "string" && typeof spec.names?.kind === "string") {
      scopes.set(`${spec.group}/${spec.names.kind}`, spec.scope !== "Cluster");
    }
  }
  return scopes;
}
