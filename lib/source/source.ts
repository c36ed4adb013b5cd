/**
 * A source: Git in, objects out, as one object built from its options. It owns everything
 * that lives longer than a call — the mirrors and the lock that keeps their fetches apart,
 * the commits known to be in them, the shared checkouts and their timers, the commits' facts,
 * the rendered states and the render threads — so two sources in one process share nothing, and `close()` leaves
 * no timer or checkout behind.
 */
import path from "node:path";

import { createCheckoutPool } from "./checkout-pool";
import { createCommitInfoReader, type CommitInfo } from "./commit-info";
import type { GitCommandOptions } from "./git";
import { loadDesiredStateWith, type DesiredState, type LoadDesiredStateRequest } from "./load";
import { createMirrors, type EnsureCommitOptions, type EnsureCommitResult } from "./mirror";
import { createRenderCache } from "./render-cache";
import { createRenderThreads } from "./render-threads";
import { authenticateRemote, type AuthenticatedRemote } from "./repo-auth";
import { resolveRevisionWith, type ResolveRevisionOptions } from "./revision";
import { SourceError } from "./source-error";
import { resolveSourceOptions, type SourceOptions } from "./source-options";

/** Git in, objects out; see {@link createSource}. */
export interface Source {
  /** The data directory the source keeps its mirrors and checkouts in. */
  readonly dataDir: string;
  /**
   * An app's desired objects at the commit its revision names now. Resolves the revision
   * (`ls-remote` unless it is a SHA, once per cycle with `request.revisions`); unless the app
   * was already rendered at that commit and `request.hard` is not set, fetches the commit if
   * missing and renders it from a checkout shared with the other renders of that commit.
   * @throws RevisionNotFoundError, GitError (repository problems) or RenderError (content problems).
   * @throws SourceError once the source is closed.
   */
  loadDesiredState(request: LoadDesiredStateRequest): Promise<DesiredState>;
  /**
   * Resolves a branch, tag, `HEAD` or SHA of `repoUrl` to a commit SHA, asking the remote
   * every time (or once per `options.revisions` memo) unless it is a full SHA.
   * @throws RevisionNotFoundError when nothing matches; GitError when the remote cannot be read.
   */
  resolveRevision(repoUrl: string, revision: string, options?: ResolveRevisionOptions): Promise<string>;
  /**
   * Makes sure commit `sha` of `repoUrl` is in its mirror, fetching only when it is missing.
   * @throws RevisionNotFoundError when the repository does not have the commit; GitError when git fails.
   */
  ensureCommit(repoUrl: string, sha: string, options?: EnsureCommitOptions): Promise<EnsureCommitResult>;
  /** Author, date and subject of commit `sha` in the bare mirror `mirror`, read once per commit. */
  readCommitInfo(mirror: string, sha: string, options?: GitCommandOptions): Promise<CommitInfo>;
  /** The URL to give git (no credentials in it) and what to authenticate with, from the URL or the source's lookup. */
  resolveRemote(repoUrl: string): Promise<AuthenticatedRemote>;
  /** The bare mirror directory of a repository URL: `<dataDir>/repos/<hash>.git`. */
  mirrorDir(repoUrl: string): string;
  /** Removes every checkout no render is using now, without waiting for its time to run out. */
  removeIdleCheckouts(): Promise<void>;
  /** Clears every timer, stops the render threads, removes idle checkouts and forgets every render; later loads are refused. Safe to call twice. */
  close(): Promise<void>;
}

/** Builds a {@link Source} from its options; nothing in it is shared with any other source. */
export function createSource(options: SourceOptions): Source {
  const settings = resolveSourceOptions(options);
  const { dataDir, credentials, log, metrics } = settings;
  const mirrors = createMirrors({ dataDir, credentials, knownCommits: settings.cacheSizes.knownCommits, metrics });
  const checkouts = createCheckoutPool({ scratchDir: path.join(dataDir, "scratch"), keepMs: settings.checkoutKeepMs, log });
  const commits = createCommitInfoReader({ max: settings.cacheSizes.commitInfo });
  const renders = createRenderCache({ max: settings.cacheSizes.renders });
  const threads = settings.renderThreads > 0 ? createRenderThreads({ threads: settings.renderThreads }) : undefined;
  const parts = { mirrors, checkouts, commits, renders, threads, limits: settings.limits, credentials, kustomize: settings.kustomize, helm: settings.helm, metrics };
  let closed = false;

  const logFetches = (onFetch: EnsureCommitOptions["onFetch"]): EnsureCommitOptions["onFetch"] => {
    if (!log) return onFetch;
    return (event) => {
      log(`fetching ${event.repoUrl} for commit ${event.sha}`);
      onFetch?.(event);
    };
  };

  return {
    dataDir,
    async loadDesiredState(request) {
      if (closed) throw new SourceError("the source is closed");
      return loadDesiredStateWith(parts, { ...request, onFetch: logFetches(request.onFetch) });
    },
    resolveRevision: (repoUrl, revision, revisionOptions = {}) => resolveRevisionWith(repoUrl, revision, { ...revisionOptions, credentials, metrics }),
    ensureCommit: (repoUrl, sha, ensureOptions = {}) => mirrors.ensureCommit(repoUrl, sha, { ...ensureOptions, onFetch: logFetches(ensureOptions.onFetch) }),
    readCommitInfo: (mirror, sha, git) => commits.read(mirror, sha, git),
    resolveRemote: (repoUrl) => authenticateRemote(repoUrl, credentials),
    mirrorDir: (repoUrl) => mirrors.dir(repoUrl),
    removeIdleCheckouts: () => checkouts.removeIdle(),
    async close() {
      closed = true;
      renders.clear();
      await threads?.close();
      await checkouts.dispose();
    },
  };
}
