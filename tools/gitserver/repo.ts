/**
 * Bare repositories on disk and commits to them, made with the real `git` CLI.
 * These are what {@link startGitServer} serves, so a test commits here and the
 * code under test fetches over smart HTTP like it would from any Git host.
 */
import { mkdir } from "node:fs/promises";

import type { GitIdentity } from "./git-env";
import { resolveRepoDir, toTreePath } from "./repo-paths";
import { runGit } from "./run-git";
import { writeCommit, type TreeWrite } from "./write-commit";

/** Options for {@link createBareRepo}. */
export interface CreateBareRepoOptions {
  /** Repository name relative to the directory, used verbatim as its directory and URL path (e.g. `config.git`). */
  name: string;
  /**
   * Branch the repository's `HEAD` points at, which clones check out.
   * @default "main"
   */
  defaultBranch?: string;
}

/** Options for {@link commitFiles}. */
export interface CommitFilesOptions {
  /** Files by repository path: a string or bytes writes the file, `null` deletes it. */
  files: Readonly<Record<string, string | Uint8Array | null>>;
  /** Commit message. */
  message: string;
  /**
   * Branch to commit on; created when missing.
   * @default the branch the repository's `HEAD` points at
   */
  branch?: string;
  /**
   * Author and committer.
   * @default DEFAULT_IDENTITY
   */
  author?: GitIdentity;
  /**
   * Author and committer date; fixed so that SHAs are reproducible.
   * @default DEFAULT_COMMIT_DATE
   */
  date?: Date;
}

/**
 * Creates an empty bare repository `dir/name` (like `git init --bare`) whose
 * `HEAD` points at `defaultBranch`, and returns its absolute path. Serve `dir`
 * with {@link startGitServer} and clone it at `server.repoUrl(name)`.
 */
export async function createBareRepo(dir: string, options: CreateBareRepoOptions): Promise<string> {
  const repoPath = resolveRepoDir(dir, options.name);
  await mkdir(repoPath, { recursive: true });
  await runGit(["init", "--quiet", "--bare", `--initial-branch=${options.defaultBranch ?? "main"}`, repoPath]);
  return repoPath;
}

/** The branch a bare repository's `HEAD` points at, e.g. `main`. */
export function readDefaultBranch(bareRepoPath: string): Promise<string> {
  return runGit(["symbolic-ref", "--short", "HEAD"], { cwd: bareRepoPath });
}

/**
 * Writes, overwrites and deletes files in one new commit on top of the branch
 * head (or as the branch's first commit) and moves the branch to it, as
 * `git commit && git push` would. Files are regular (mode 100644) and other
 * paths keep their content. Always creates a commit, even when nothing changed.
 * Returns the new commit's SHA.
 */
export async function commitFiles(bareRepoPath: string, options: CommitFilesOptions): Promise<string> {
  const writes: TreeWrite[] = [];
  const deletions: string[] = [];
  for (const [filePath, content] of Object.entries(options.files)) {
    const treePath = toTreePath(filePath);
    if (content === null) deletions.push(treePath);
    else writes.push({ path: treePath, source: { content }, mode: "100644" });
  }
  return writeCommit(bareRepoPath, {
    writes,
    deletions,
    message: options.message,
    branch: options.branch ?? (await readDefaultBranch(bareRepoPath)),
    author: options.author,
    date: options.date,
  });
}
