/**
 * A directory of a checkout → the app's desired objects: Kustomize when the
 * directory has a kustomization file, plain YAML/JSON otherwise; then every
 * object is given its namespace and marked as the app's, and duplicates are
 * refused.
 */
import { realpath } from "node:fs/promises";

import { keyOf, subjectOf, type KubeObject } from "@/lib/types";

import { scanCheckout } from "./checkout-scan";
import { buildKustomization, hasKustomization } from "./kustomize";
import { checkKustomization } from "./kustomize-refs";
import { renderLimits, type RenderLimits } from "./limits";
import { createNamespacedCheck, type IsNamespaced } from "./namespacing";
import { claimObject } from "./ownership";
import type { SourcedObject } from "./parse-manifests";
import { resolveAppDir } from "./paths";
import { RenderError } from "./render-error";
import { readYamlDir } from "./yaml-dir";

/** Options for {@link renderManifests}. */
export interface RenderOptions {
  /** The checkout's root directory (the repository's top level). */
  root: string;
  /** The app's directory inside the repository, e.g. `apps/web`; `.` or `` for the root. */
  path: string;
  /** The app's name, written into the app label and tracking annotation. */
  appName: string;
  /** Namespace given to namespaced objects that do not name one. */
  destNamespace: string;
  /** What the cluster knows about namespacedness; see {@link IsNamespaced}. */
  isNamespaced?: IsNamespaced;
  /** The kustomize binary; by default `LOCKSTEP_KUSTOMIZE`, `PATH`, then the toolchain cache. */
  kustomizeBin?: string;
  /**
   * Kill `kustomize build` after this many milliseconds.
   * @default 60_000
   */
  timeoutMs?: number;
  /** The commit `root` holds, named in error messages. */
  commit?: string;
  /** Aborting kills a running `kustomize build`. */
  signal?: AbortSignal;
  /** What the render may cost. @default renderLimits(): the defaults and their environment overrides */
  limits?: RenderLimits;
  /** Checks the whole checkout before anything is read. @default scanCheckout of `root` (a shared checkout scans once) */
  scan?: (limits: RenderLimits) => Promise<void>;
}

/**
 * Renders the manifests at `path` into the app's desired objects, in a
 * deterministic order.
 * @throws RenderError for every problem with the repository's content.
 */
export async function renderManifests(options: RenderOptions): Promise<KubeObject[]> {
  const root = await realpath(options.root);
  const dir = await resolveAppDir(root, options.path, { commit: options.commit });
  const limits = options.limits ?? renderLimits();
  const budget = { remaining: limits.maxDocuments, limit: limits.maxDocuments };
  await (options.scan ? options.scan(limits) : scanCheckout(root, { limits }));
  let sourced: SourcedObject[];
  if (await hasKustomization(dir)) {
    await checkKustomization(dir, { root, limits });
    sourced = await buildKustomization(dir, { root, kustomizeBin: options.kustomizeBin, timeoutMs: options.timeoutMs, signal: options.signal, limits, budget });
  } else {
    sourced = await readYamlDir(dir, { root, limits, budget });
  }
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
