/**
 * One bare mirror per repository URL under `<dataDir>/repos/`, shared by every
 * app on that repository. Commits are fetched into it only when missing, and
 * only by one fetch at a time per mirror within one {@link Mirrors}.
 */
import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

import { LRUCache } from "lru-cache";

import { execGit, runGit, type GitCommandOptions } from "./git";
import { createKeyedLock } from "./keyed-lock";
import { authenticateRemote, type AuthenticatedRemote, type CredentialLookup } from "./repo-auth";
import { repoHash } from "./repo-url";
import { RevisionNotFoundError } from "./revision-not-found-error";
import { assertCommitSha } from "./sha";
import { measureGit, type SourceMetrics } from "./source-metrics";

const FETCH_REFSPECS = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"];

/**
 * How many commits are remembered as present in their mirror: mirrors never drop a commit
 * (nothing is pruned), so renders of a commit already seen — as when a push moves a branch many
 * apps follow — skip the `git cat-file` check. Forgetting one only costs one check.
 */
export const KNOWN_COMMITS = 5000;

/** Reported to {@link EnsureCommitOptions.onFetch} each time a mirror goes to the network. */
export interface FetchEvent {
  /** Repository URL without credentials. */
  repoUrl: string;
  /** The commit that was missing. */
  sha: string;
  /** The mirror fetched into. */
  mirrorDir: string;
}

/** Options for {@link Mirrors.ensureCommit}. */
export interface EnsureCommitOptions extends GitCommandOptions {
  /** Called just before each fetch; lets tests and metrics count real network fetches. */
  onFetch?: (event: FetchEvent) => void;
}

/** What {@link Mirrors.ensureCommit} did. */
export interface EnsureCommitResult {
  /** The bare mirror now holding the commit. */
  mirrorDir: string;
  /** True when the commit was missing and had to be fetched. */
  fetched: boolean;
}

/** What {@link createMirrors} needs. */
export interface MirrorsOptions {
  /** Lockstep's data directory; mirrors go to its `repos/` sub-directory. */
  dataDir: string;
  /** Asked for the credentials of a URL that carries none. */
  credentials?: CredentialLookup;
  /** How many (mirror, commit) pairs are remembered as present. @default KNOWN_COMMITS */
  knownCommits?: number;
  /** Told how long each fetch took and whether it failed. */
  metrics?: SourceMetrics;
}

/** The mirrors of one data directory, with the lock that keeps their fetches apart. */
export interface Mirrors {
  /** The bare mirror directory for a repository URL. */
  dir(repoUrl: string): string;
  /**
   * Makes sure commit `sha` of `repoUrl` is in the local mirror, creating the
   * mirror on first use. Fetches all branches and tags only when the commit is
   * absent (`git cat-file -e sha^{commit}`), then — for a commit no branch or tag
   * reaches — asks for the SHA itself. Refs deleted upstream are kept so that old
   * commits stay available for rollback.
   * @throws RevisionNotFoundError when the repository does not have the commit.
   * @throws GitError when git fails (unreachable, refused credentials, timeout).
   */
  ensureCommit(repoUrl: string, sha: string, options?: EnsureCommitOptions): Promise<EnsureCommitResult>;
}

/** The bare mirror directory for a repository URL: `<dataDir>/repos/<sha256(url) prefix>.git`. */
export function mirrorPath(dataDir: string, repoUrl: string): string {
  return path.join(dataDir, "repos", `${repoHash(repoUrl)}.git`);
}

/** Creates the {@link Mirrors} of `options.dataDir`; its lock and memory of commits are its own. */
export function createMirrors(options: MirrorsOptions): Mirrors {
  const lock = createKeyedLock();
  const known = new LRUCache<string, true>({ max: options.knownCommits ?? KNOWN_COMMITS });
  /** Checks (and fetches) under way, so that renders of one new commit wait for one `git cat-file` instead of each spawning their own. */
  const pending = new Map<string, Promise<EnsureCommitResult>>();

  async function ensureCommitNow(repoUrl: string, sha: string, dir: string, git: EnsureCommitOptions): Promise<EnsureCommitResult> {
    if (await hasCommit(dir, sha, git)) return { mirrorDir: dir, fetched: false };
    const remote = await authenticateRemote(repoUrl, options.credentials);
    return lock.run(dir, async () => {
      await initMirror(dir, remote, git);
      if (await hasCommit(dir, sha, git)) return { mirrorDir: dir, fetched: false };
      git.onFetch?.({ repoUrl: remote.url, sha, mirrorDir: dir });
      const fetch = (refspecs: readonly string[]) => measureGit(options.metrics, "fetch", () => fetchRefs(dir, remote, refspecs, git));
      await fetch(FETCH_REFSPECS);
      if (!(await hasCommit(dir, sha, git))) {
        await fetch([sha]).catch(() => undefined);
        if (!(await hasCommit(dir, sha, git))) throw new RevisionNotFoundError(sha, remote.url);
      }
      return { mirrorDir: dir, fetched: true };
    });
  }

  return {
    dir: (repoUrl) => mirrorPath(options.dataDir, repoUrl),
    async ensureCommit(repoUrl, sha, git = {}) {
      assertCommitSha(sha);
      const dir = mirrorPath(options.dataDir, repoUrl);
      const key = `${dir}\n${sha}`;
      const running = pending.get(key);
      if (running) await running.catch(() => undefined);
      if (known.has(key) && (await isDirectory(dir))) return { mirrorDir: dir, fetched: false };
      const ensuring = ensureCommitNow(repoUrl, sha, dir, git);
      pending.set(key, ensuring);
      try {
        const result = await ensuring;
        known.set(key, true);
        return result;
      } finally {
        if (pending.get(key) === ensuring) pending.delete(key);
      }
    },
  };
}

/** True when the mirror exists and holds commit `sha`. */
export async function hasCommit(dir: string, sha: string, options: GitCommandOptions = {}): Promise<boolean> {
  if (!(await isDirectory(dir))) return false;
  const result = await execGit(["cat-file", "-e", `${sha}^{commit}`], { ...options, gitDir: dir });
  return result.exitCode === 0;
}

async function fetchRefs(dir: string, remote: AuthenticatedRemote, refspecs: readonly string[], options: GitCommandOptions): Promise<void> {
  await runGit(["fetch", "--quiet", "--no-write-fetch-head", "--", remote.url, ...refspecs], {
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    gitDir: dir,
    auth: remote.auth,
  });
}

/** Creates the bare mirror if it does not exist yet, atomically (init in a temp dir, then rename). */
async function initMirror(dir: string, remote: AuthenticatedRemote, options: GitCommandOptions): Promise<void> {
  if (await isDirectory(dir)) return;
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  const scratch = await mkdtemp(path.join(parent, ".init-"));
  const git = { timeoutMs: options.timeoutMs, signal: options.signal };
  try {
    await runGit(["init", "--quiet", "--bare", scratch], git);
    await runGit(["config", "remote.origin.url", remote.url], { ...git, gitDir: scratch });
    await rename(scratch, dir).catch(async (error: NodeJS.ErrnoException) => {
      if (!(await isDirectory(dir))) throw error;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
