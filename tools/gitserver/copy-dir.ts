/**
 * Commits a directory tree from disk into a bare repository — how the demo turns
 * `examples/` into a config repository.
 */
import { lstat, readdir, readlink } from "node:fs/promises";
import path from "node:path";

import type { GitIdentity } from "./git-env";
import { readDefaultBranch } from "./repo";
import { toTreePath } from "./repo-paths";
import { runGit } from "./run-git";
import { readBranchHead, writeCommit, type TreeWrite } from "./write-commit";

/** Options for {@link copyDirToRepo}. */
export interface CopyDirToRepoOptions {
  /** Commit message. */
  message: string;
  /**
   * Directory inside the repository that mirrors the source directory.
   * @default "" (the repository root)
   */
  prefix?: string;
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
   * Author and committer date.
   * @default DEFAULT_COMMIT_DATE
   */
  date?: Date;
}

/**
 * Makes `prefix` (or the whole repository) mirror `srcDir` in one new commit:
 * files are added or overwritten, files under `prefix` that `srcDir` lacks are
 * deleted, and paths outside `prefix` are kept. Executable bits and symlinks are
 * preserved, `.git` directories are skipped. Returns the new commit's SHA.
 */
export async function copyDirToRepo(bareRepoPath: string, srcDir: string, options: CopyDirToRepoOptions): Promise<string> {
  const prefix = options.prefix ? toTreePath(options.prefix) : "";
  const branch = options.branch ?? (await readDefaultBranch(bareRepoPath));
  const writes = (await listTreeWrites(path.resolve(srcDir))).map((write) => ({
    ...write,
    path: prefix ? `${prefix}/${write.path}` : write.path,
  }));
  const written = new Set(writes.map((write) => write.path));
  const existing = await listCommittedFiles(bareRepoPath, branch, prefix);
  return writeCommit(bareRepoPath, {
    writes,
    deletions: existing.filter((filePath) => !written.has(filePath)),
    message: options.message,
    branch,
    author: options.author,
    date: options.date,
  });
}

/** Paths of the files committed on `branch` under `prefix`; empty when the branch does not exist. */
async function listCommittedFiles(bareRepoPath: string, branch: string, prefix: string): Promise<string[]> {
  const head = await readBranchHead(bareRepoPath, branch);
  if (!head) return [];
  const output = await runGit(["ls-tree", "-r", "-z", "--name-only", head, "--", ...(prefix ? [prefix] : [])], {
    cwd: bareRepoPath,
  });
  return output.split("\0").filter(Boolean);
}

/** Walks `root` and describes each regular file and symlink as a tree entry relative to it. */
async function listTreeWrites(root: string, relativeDir = ""): Promise<TreeWrite[]> {
  const entries = await readdir(path.join(root, relativeDir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry): Promise<TreeWrite[]> => {
      const relativePath = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      const absolutePath = path.join(root, relativePath);
      if (entry.isDirectory()) return entry.name === ".git" ? [] : listTreeWrites(root, relativePath);
      if (entry.isSymbolicLink()) {
        return [{ path: toTreePath(relativePath), source: { content: await readlink(absolutePath) }, mode: "120000" }];
      }
      if (!entry.isFile()) return [];
      const isExecutable = ((await lstat(absolutePath)).mode & 0o111) !== 0;
      return [{ path: toTreePath(relativePath), source: { file: absolutePath }, mode: isExecutable ? "100755" : "100644" }];
    }),
  );
  return nested.flat();
}
