/**
 * A directory of a checkout → the app's desired objects: a Helm chart when the
 * directory has a `Chart.yaml`, Kustomize when it has a kustomization file,
 * plain YAML/JSON otherwise (or the type the app names, which must match); then
 * every object is given its namespace and marked as the app's, and duplicates
 * are refused.
 */
import { realpathSync } from "node:fs";

import type { KubeObject } from "@/lib/types";

import { scanCheckout } from "./checkout-scan";
import type { DirectoryRenderRequest } from "./directory-render";
import { decodeObjects } from "./encoded-objects";
import { buildWithGeneratedNames, restoreGeneratedNames } from "./generate-name";
import { buildKustomization } from "./kustomize";
import { chooseSourceType } from "./detect-source";
import { renderHelmChart, type ClusterCapabilities } from "./helm";
import { checkKustomization } from "./kustomize-refs";
import { renderLimits, type RenderLimits } from "./limits";
import type { IsNamespaced } from "./namespacing";
import type { SourcedObject } from "./parse-manifests";
import { displayPath, resolveAppDir } from "./paths";
import type { CredentialLookup } from "./repo-auth";
import { settleObjects } from "./settle-objects";
import type { SourceSpec, SourceType } from "./source-spec";
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
  /** The helm binary; by default `LOCKSTEP_HELM`, `PATH`, then the toolchain cache. */
  helmBin?: string;
  /** The app's `source` block: type and options. @default detected from the contents, no options */
  source?: SourceSpec;
  /** The destination's version and API versions, for a chart's `.Capabilities`; omitted when unknown. */
  capabilities?: ClusterCapabilities;
  /** Stored credentials, for a chart's dependencies. */
  credentials?: CredentialLookup;
  /**
   * Kill `kustomize build` (or each Helm command) after this many milliseconds.
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
  /**
   * Renders a plain directory elsewhere (a render thread), answering the objects encoded as
   * `encodeObjects` does; not used with `isNamespaced`, a function no thread can be given.
   * @default rendered here
   */
  renderDirectory?: (request: DirectoryRenderRequest) => Promise<Uint8Array>;
}

/** What a render produced: the source type it rendered as, and the objects. */
export interface RenderedSource {
  type: SourceType;
  objects: KubeObject[];
  /** The objects as `encodeObjects` gives them, when the render made them so (`renderDirectory`). */
  encoded?: Uint8Array;
}

/**
 * Renders the manifests at `path` into the app's desired objects, in a
 * deterministic order.
 * @throws RenderError for every problem with the repository's content.
 */
export async function renderManifests(options: RenderOptions): Promise<KubeObject[]> {
  return (await renderSource(options)).objects;
}

/**
 * Renders the manifests at `path` as its source type (detected, or the app's, which must
 * match) into the app's desired objects, in a deterministic order.
 * @throws RenderError for every problem with the repository's content.
 */
export async function renderSource(options: RenderOptions): Promise<RenderedSource> {
  const root = realpathSync.native(options.root);
  const dir = await resolveAppDir(root, options.path, { commit: options.commit });
  const limits = options.limits ?? renderLimits();
  const budget = { remaining: limits.maxDocuments, limit: limits.maxDocuments };
  await (options.scan ? options.scan(limits) : scanCheckout(root, { limits }));
  const type = await chooseSourceType(dir, displayPath(options.path), options.source?.type);
  const run = { timeoutMs: options.timeoutMs, signal: options.signal, limits, budget };
  let sourced: SourcedObject[];
  if (type === "Helm") {
    sourced = await renderHelmChart(dir, { ...run, ...options.capabilities, root, appName: options.appName, destNamespace: options.destNamespace, helm: options.source?.helm, helmBin: options.helmBin, credentials: options.credentials });
  } else if (type === "Kustomize") {
    const { usesHelm } = await checkKustomization(dir, { root, limits });
    const built = await buildWithGeneratedNames(root, dir, (buildRoot, buildDir) =>
      buildKustomization(buildDir, { ...run, root: buildRoot, kustomizeBin: options.kustomizeBin, helm: usesHelm ? { helmBin: options.helmBin } : undefined }),
    );
    sourced = restoreGeneratedNames(built);
  } else {
    const recurse = options.source?.directory?.recurse ?? false;
    if (options.renderDirectory && !options.isNamespaced) {
      const encoded = await options.renderDirectory({ dir, root, appName: options.appName, destNamespace: options.destNamespace, limits, recurse });
      return { type, objects: decodeObjects(encoded), encoded };
    }
    sourced = await readYamlDir(dir, { root, limits, budget, recurse });
  }
  return { type, objects: settleObjects(sourced, options) };
}
