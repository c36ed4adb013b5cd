/**
 * The pipeline the engine calls through `Source.loadDesiredState`: from an app's source spec
 * to its desired objects at an exact commit — resolve, fetch if needed, check out, render,
 * clean up — over the parts one source owns.
 */
import type { KubeObject } from "@/lib/types";

import type { CheckoutPool } from "./checkout-pool";
import type { CommitInfo, CommitInfoReader } from "./commit-info";
import type { RenderLimits } from "./limits";
import type { ClusterCapabilities } from "./helm";
import type { FetchEvent, Mirrors } from "./mirror";
import type { IsNamespaced } from "./namespacing";
import { renderSource } from "./render";
import type { RenderCache, RenderKey } from "./render-cache";
import type { RenderThreads } from "./render-threads";
import type { CredentialLookup } from "./repo-auth";
import { resolveRevisionWith } from "./revision";
import type { RevisionMemo } from "./revision-memo";
import type { SourceMetrics } from "./source-metrics";
import type { SourceSpec, SourceType } from "./source-spec";

/** What to load: one app's source spec, and how. */
export interface LoadDesiredStateRequest {
  /** Repository URL, possibly with credentials (which never leave this module in clear). */
  repoUrl: string;
  /** Branch, tag, `HEAD` or full commit SHA. */
  revision: string;
  /** Directory inside the repository. */
  path: string;
  /** The app's name, for the app label and tracking annotation. */
  appName: string;
  /** Namespace for namespaced objects that name none. */
  destNamespace: string;
  /** The cluster's knowledge of namespacedness, e.g. from discovery. */
  isNamespaced?: IsNamespaced;
  /** The app's `source` block: type (detected when absent) and the options of each type. */
  source?: SourceSpec;
  /** The destination's version and API versions, for a Helm chart's `.Capabilities`; omitted when unknown. */
  capabilities?: ClusterCapabilities;
  /** The kustomize binary for this render. @default the source's `kustomize` */
  kustomizeBin?: string;
  /** The helm binary for this render. @default the source's `helm` */
  helmBin?: string;
  /**
   * Timeout of each git command and of `kustomize build`, in milliseconds.
   * @default 60_000
   */
  timeoutMs?: number;
  /** Called before each network fetch. */
  onFetch?: (event: FetchEvent) => void;
  /** Revision answers shared by one refresh cycle (one `ls-remote` per repository and revision). */
  revisions?: RevisionMemo;
  /**
   * A hard refresh: render again even when this commit was already rendered
   * for this app. By default a commit that has not moved is not rendered twice.
   * @default false
   */
  hard?: boolean;
  /** Aborting kills any running git or kustomize process. */
  signal?: AbortSignal;
}

/** An app's desired state at one commit. */
export interface DesiredState {
  /** The commit the revision resolved to. */
  commit: CommitInfo;
  /** The rendered objects, namespaced and marked as the app's. */
  objects: KubeObject[];
  /** The source type the path was rendered as; absent from sources that do not say (test doubles). */
  sourceType?: SourceType;
}

/** The parts of one source that loading uses. */
export interface LoadParts {
  mirrors: Mirrors;
  checkouts: CheckoutPool;
  commits: CommitInfoReader;
  renders: RenderCache;
  limits: RenderLimits;
  credentials?: CredentialLookup;
  kustomize?: string;
  helm?: string;
  /** Told of each `ls-remote` and each render. */
  metrics?: SourceMetrics;
  /** Where plain directories are rendered. @default on the caller's thread */
  threads?: RenderThreads;
}

/**
 * Resolves the revision (`ls-remote` unless it is a SHA); unless the app was
 * already rendered at that commit (and this is not a hard refresh), makes sure
 * the commit is in the mirror and renders the path at that commit, from a
 * checkout shared with the other renders of that commit (see `checkout-pool`).
 * Renders with a cluster's `isNamespaced` are not cached, as they depend on it.
 * @throws RevisionNotFoundError, GitError (repository problems) or RenderError (content problems).
 */
export async function loadDesiredStateWith(parts: LoadParts, request: LoadDesiredStateRequest): Promise<DesiredState> {
  const git = { timeoutMs: request.timeoutMs, signal: request.signal };
  const sha = await resolveRevisionWith(request.repoUrl, request.revision, { ...git, revisions: request.revisions, credentials: parts.credentials, metrics: parts.metrics });
  const kustomizeBin = request.kustomizeBin ?? parts.kustomize;
  const helmBin = request.helmBin ?? parts.helm;
  const cacheKey: RenderKey | undefined = request.isNamespaced ? undefined : { ...request, kustomizeBin, helmBin, sha };
  const cached = cacheKey && !request.hard ? parts.renders.get(cacheKey) : undefined;
  if (cached) return cached;
  const { encoded, ...state } = await renderAt(parts, sha, { ...request, kustomizeBin, helmBin });
  if (cacheKey) parts.renders.set(cacheKey, state, encoded);
  return state;
}

async function renderAt(parts: LoadParts, sha: string, request: LoadDesiredStateRequest): Promise<Required<Pick<DesiredState, "sourceType">> & DesiredState & { encoded?: Uint8Array }> {
  const git = { timeoutMs: request.timeoutMs, signal: request.signal };
  const { mirrorDir } = await parts.mirrors.ensureCommit(request.repoUrl, sha, { ...git, onFetch: request.onFetch });
  const commit = await parts.commits.read(mirrorDir, sha, git);
  const checkout = await parts.checkouts.acquire(mirrorDir, sha, { timeoutMs: request.timeoutMs });
  try {
    const start = performance.now();
    const { type, objects, encoded } = await renderSource({
      root: checkout.dir,
      path: request.path,
      appName: request.appName,
      destNamespace: request.destNamespace,
      isNamespaced: request.isNamespaced,
      kustomizeBin: request.kustomizeBin,
      helmBin: request.helmBin,
      source: request.source,
      capabilities: request.capabilities,
      credentials: parts.credentials,
      timeoutMs: request.timeoutMs,
      commit: sha,
      signal: request.signal,
      limits: parts.limits,
      scan: (limits) => checkout.scan(limits),
      renderDirectory: parts.threads?.render,
    });
    parts.metrics?.rendered({ sourceType: type, seconds: (performance.now() - start) / 1000 });
    return { commit, objects, sourceType: type, encoded };
  } finally {
    checkout.release();
  }
}
