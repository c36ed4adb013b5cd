/**
 * The facade the engine calls: from an app's source spec to its desired
 * objects at an exact commit — resolve, fetch if needed, check out, render,
 * clean up.
 */
import path from "node:path";

import type { KubeObject } from "@/lib/types";

import { acquireCheckout } from "./checkout-pool";
import { readCommitInfo, type CommitInfo } from "./commit-info";
import { ensureCommit, type FetchEvent } from "./mirror";
import type { IsNamespaced } from "./namespacing";
import { renderManifests } from "./render";
import { cacheRender, getCachedRender, type RenderKey } from "./render-cache";
import { resolveRevision } from "./revision";
import type { RevisionMemo } from "./revision-memo";

/** Options for {@link loadDesiredState}. */
export interface LoadDesiredStateOptions {
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
  /**
   * Lockstep's data directory (mirrors and scratch space).
   * @default dataDir() from lib/db/config
   */
  dataDir?: string;
  /** The kustomize binary, when not the default. */
  kustomizeBin?: string;
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
}

/**
 * Resolves the revision (`ls-remote` unless it is a SHA); unless the app was
 * already rendered at that commit (and this is not a hard refresh), makes sure
 * the commit is in the mirror and renders the path at that commit, from a
 * checkout shared with the other renders of that commit (see `checkout-pool`).
 * @throws RevisionNotFoundError, GitError (repository problems) or RenderError (content problems).
 */
export async function loadDesiredState(options: LoadDesiredStateOptions): Promise<DesiredState> {
  const git = { timeoutMs: options.timeoutMs, signal: options.signal };
  const sha = await resolveRevision(options.repoUrl, options.revision, { ...git, revisions: options.revisions });
  const cacheKey: RenderKey | undefined = options.isNamespaced ? undefined : { ...options, sha };
  const cached = cacheKey && !options.hard ? getCachedRender(cacheKey) : undefined;
  if (cached) return cached;
  const state = await renderAt(sha, options);
  if (cacheKey) cacheRender(cacheKey, state);
  return state;
}

async function renderAt(sha: string, options: LoadDesiredStateOptions): Promise<DesiredState> {
  const git = { timeoutMs: options.timeoutMs, signal: options.signal };
  const { mirrorDir } = await ensureCommit(options.repoUrl, sha, { ...git, dataDir: options.dataDir, onFetch: options.onFetch });
  const commit = await readCommitInfo(mirrorDir, sha, git);
  const scratchDir = options.dataDir === undefined ? undefined : path.join(options.dataDir, "scratch");
  const checkout = await acquireCheckout(mirrorDir, sha, { timeoutMs: options.timeoutMs, scratchDir });
  try {
    const objects = await renderManifests({
      root: checkout.dir,
      path: options.path,
      appName: options.appName,
      destNamespace: options.destNamespace,
      isNamespaced: options.isNamespaced,
      kustomizeBin: options.kustomizeBin,
      timeoutMs: options.timeoutMs,
      commit: sha,
      signal: options.signal,
      scan: (limits) => checkout.scan(limits),
    });
    return { commit, objects };
  } finally {
    checkout.release();
  }
}
