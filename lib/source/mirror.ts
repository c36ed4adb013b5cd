/**
 * One bare mirror per repository URL under `<dataDir>/repos/`, shared by every
 * app on that repository. Commits are fetched into it only when missing, and
 * only by one fetch at a time per mirror within this process.
 */
import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

import { dataDir } from "@/lib/db/config";

import { execGit, runGit, type GitCommandOptions } from "./git";
import { createKeyedLock, type KeyedLock } from "./keyed-lock";
import { resolveRemote, type AuthenticatedRemote } from "./repo-auth";
import { repoHash } from "./repo-url";
import { RevisionNotFoundError } from "./revision-not-found-error";
import { assertCommitSha } from "./sha";

const FETCH_REFSPECS = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"];

/**
 * Kept on `globalThis`: Next.js bundles the reconciler (instrumentation) apart from the route
 * handlers, so a module-level lock would be one per bundle and their fetches would collide.
 */
const globalForMirrors = globalThis as unknown as { lockstepMirrorLock?: KeyedLock; lockstepKnownCommits?: Set<string> };
const mirrorLock = (globalForMirrors.lockstepMirrorLock ??= createKeyedLock());

/** Where mirrors live. */
export interface MirrorLocationOptions {
  /**
   * Lockstep's data directory; mirrors go to its `repos/` sub-directory.
   * @default dataDir() from lib/db/config
   */
  dataDir?: string;
}

/** Reported to {@link EnsureCommitOptions.onFetch} each time a mirror goes to the network. */
export interface FetchEvent {
  /** Repository URL without credentials. */
  repoUrl: string;
  /** The commit that was missing. */
  sha: string;
  /** The mirror fetched into. */
  mirrorDir: string;
}

/** Options for {@link ensureCommit}. */
export interface EnsureCommitOptions extends MirrorLocationOptions, GitCommandOptions {
  /** Called just before each fetch; lets tests and metrics count real network fetches. */
  onFetch?: (event: FetchEvent) => void;
}

/** What {@link ensureCommit} did. */
export interface EnsureCommitResult {
  /** The bare mirror now holding the commit. */
  mirrorDir: string;
  /** True when the commit was missing and had to be fetched. */
  fetched: boolean;
}

/** The bare mirror directory for a repository URL: `<dataDir>/repos/<sha256(url) prefix>.git`. */
export function mirrorDir(repoUrl: string, options: MirrorLocationOptions = {}): string {
  return path.join(options.dataDir ?? dataDir(), "repos", `${repoHash(repoUrl)}.git`);
}

/**
 * Makes sure commit `sha` of `repoUrl` is in the local mirror, creating the
 * mirror on first use. Fetches all branches and tags only when the commit is
 * absent (`git cat-file -e sha^{commit}`), then — for a commit no branch or tag
 * reaches — asks for the SHA itself. Refs deleted upstream are kept so that old
 * commits stay available for rollback.
 * @throws RevisionNotFoundError when the repository does not have the commit.
 * @throws GitError when git fails (unreachable, refused credentials, timeout).
 */
export async function ensureCommit(repoUrl: string, sha: string, options: EnsureCommitOptions = {}): Promise<EnsureCommitResult> {
  assertCommitSha(sha);
  const dir = mirrorDir(repoUrl, options);
  const known = `${dir}\n${sha}`;
  if (knownCommits().has(known) && (await isDirectory(dir))) return { mirrorDir: dir, fetched: false };
  const result = await ensureCommitNow(repoUrl, sha, dir, options);
  knownCommits().add(known);
  return result;
}

/**
 * Commits known to be in their mirror: mirrors never drop a commit (nothing is pruned), so
 * renders of a commit already seen — as when a push moves a branch many apps follow — skip the
 * `git cat-file` check. Bounded; forgetting only costs one check.
 */
const KNOWN_COMMITS = 5000;

function knownCommits(): Set<string> {
  globalForMirrors.lockstepKnownCommits ??= new Set();
  const set = globalForMirrors.lockstepKnownCommits;
  while (set.size >= KNOWN_COMMITS) set.delete(set.values().next().value as string);
  return set;
}

async function ensureCommitNow(repoUrl: string, sha: string, dir: string, options: EnsureCommitOptions): Promise<EnsureCommitResult> {
  if (await hasCommit(dir, sha, options)) return { mirrorDir: dir, fetched: false };
  const remote = await resolveRemote(repoUrl);
  return mirrorLock.run(dir, async () => {
    await initMirror(dir, remote, options);
    if (await hasCommit(dir, sha, options)) return { mirrorDir: dir, fetched: false };
    options.onFetch?.({ repoUrl: remote.url, sha, mirrorDir: dir });
    await fetchRefs(dir, remote, FETCH_REFSPECS, options);
    if (!(await hasCommit(dir, sha, options))) {
      await fetchRefs(dir, remote, [sha], options).catch(() => undefined);
      if (!(await hasCommit(dir, sha, options))) throw new RevisionNotFoundError(sha, remote.url);
    }
    return { mirrorDir: dir, fetched: true };
  });
}

/** True when the mirror exists and holds commit `sha`. */
export async function hasCommit(dir: string, sha: string, options: GitCommandOptions = {}): Promise<boolean> {
  if (!(await isDirectory(dir))) return false;
  const result = await execGit(["cat-file", "-e", `${sha}^{commit}`], { ...options, gitDir: dir });
  return result.exitCode === 0;
}

async function fetchRefs(dir: string, remote: AuthenticatedRemote, refspecs: readonly string[], options: GitCommandOptions): Promise<void> {
  await runGit(["fetch", "--quiet", "--no-write-fetch-head", "--", remote.url, ...refspecs], {
    ...options,
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
  try {
    await runGit(["init", "--quiet", "--bare", scratch], options);
    await runGit(["config", "remote.origin.url", remote.url], { ...options, gitDir: scratch });
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
