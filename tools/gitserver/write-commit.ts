/**
 * Creates a commit in a bare repository with plumbing only — hash-object,
 * update-index on a throwaway index, write-tree, commit-tree, update-ref — so no
 * work tree or clone is needed. The ref moves with a compare-and-swap, so two
 * writers racing on one branch fail loudly instead of losing a commit.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { DEFAULT_COMMIT_DATE, DEFAULT_IDENTITY, identityEnv, type GitIdentity } from "./git-env";
import { runGit, runGitForResult } from "./run-git";

const ZERO_SHA = "0".repeat(40);

/** Git tree entry modes fixtures can write. */
export type TreeEntryMode = "100644" | "100755" | "120000";

/** Where a new blob's bytes come from: memory, or a file already on disk. */
export type BlobSource = { content: string | Uint8Array } | { file: string };

/** A file to add or overwrite in the next commit. */
export interface TreeWrite {
  /** Path inside the repository, already normalized. */
  path: string;
  /** The blob's bytes (for a symlink: its target). */
  source: BlobSource;
  /** File mode. */
  mode: TreeEntryMode;
}

/** Everything {@link writeCommit} needs besides the repository. */
export interface CommitSpec {
  /** Files to add or overwrite. */
  writes: readonly TreeWrite[];
  /** Paths to remove (absent paths are ignored). */
  deletions: readonly string[];
  /** Commit message. */
  message: string;
  /** Branch name without `refs/heads/`. */
  branch: string;
  /** Author and committer. */
  author?: GitIdentity;
  /** Author and committer date. */
  date?: Date;
}

/** Resolves `refs/heads/<branch>` to a commit SHA, or `null` when the branch does not exist yet. */
export async function readBranchHead(bareRepoPath: string, branch: string): Promise<string | null> {
  const result = await runGitForResult(["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`], {
    cwd: bareRepoPath,
  });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** Commits `spec` on top of the branch head (or as its first commit) and returns the new commit SHA. */
export async function writeCommit(bareRepoPath: string, spec: CommitSpec): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lockstep-commit-"));
  try {
    const env = { GIT_INDEX_FILE: path.join(scratch, "index") };
    const git = (args: readonly string[], input?: string) => runGit(args, { cwd: bareRepoPath, env, input });
    const parent = await readBranchHead(bareRepoPath, spec.branch);
    if (parent) await git(["read-tree", parent]);
    const shas = await hashBlobs(bareRepoPath, scratch, spec.writes);
    const records = [
      ...spec.deletions.map((filePath) => `0 ${ZERO_SHA}\t${filePath}\0`),
      ...spec.writes.map((write, index) => `${write.mode} ${shas[index]}\t${write.path}\0`),
    ];
    await git(["update-index", "-z", "--index-info"], records.join(""));
    const tree = await git(["write-tree"]);
    const commit = await runGit(["commit-tree", tree, ...(parent ? ["-p", parent] : []), "-F", "-"], {
      cwd: bareRepoPath,
      env: identityEnv(spec.author ?? DEFAULT_IDENTITY, spec.date ?? DEFAULT_COMMIT_DATE),
      input: spec.message,
    });
    const reflogMessage = spec.message.split("\n")[0] ?? "";
    await git(["update-ref", "-m", reflogMessage, `refs/heads/${spec.branch}`, commit, parent ?? ZERO_SHA]);
    return commit;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Writes every blob with one `git hash-object --stdin-paths` call; returns SHAs in input order. */
async function hashBlobs(bareRepoPath: string, scratch: string, writes: readonly TreeWrite[]): Promise<string[]> {
  if (writes.length === 0) return [];
  const files = await Promise.all(
    writes.map(async ({ source }, index) => {
      if ("file" in source) return source.file;
      const file = path.join(scratch, `blob-${index}`);
      await writeFile(file, source.content);
      return file;
    }),
  );
  const output = await runGit(["hash-object", "-w", "--no-filters", "--stdin-paths"], {
    cwd: bareRepoPath,
    input: files.map((file) => `${file}\n`).join(""),
  });
  return output.split("\n");
}
