/**
 * A throwaway shallow clone of one branch of a config repository, with the
 * few git steps `set-image` and "make a rollback permanent" need: commit a file
 * or staged tree entries, fetch an older commit, list a tree, push, and — when
 * someone else pushed first — catch up with the branch's new head. Every command goes
 * through `lib/source`'s git runner, so credentials travel by credential
 * helper or key file and never appear in argv, URLs or messages.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { execGit, redactCredentials, runGit, secretsOfAuth, type AuthenticatedRemote, type GitCommandOptions } from "@/lib/source";

import { parseTreeListing, type FileOperation, type TreeEntry } from "./tree-restore";

/** Who a commit is by. */
export interface GitAuthor {
  name: string;
  email: string;
}

/** How a push ended. */
export type PushOutcome = { pushed: true } | { pushed: false; retryable: boolean; reason: string };

/** Reasons git gives when the branch moved under a push; fetching and re-applying fixes them. */
const MOVED_BRANCH = /fetch first|non-fast-forward|stale info|cannot lock ref|failed to update ref|failed to lock|incorrect old value|reference already exists/i;

/** A shallow clone in a private temporary directory; call `dispose()` when done. */
export interface ConfigClone {
  /** The work tree. */
  dir: string;
  /** The branch checked out. */
  branch: string;
  /** The commit checked out. */
  head(): Promise<string>;
  /** Stages `file` and commits it with `message` by `author`; returns the new commit. */
  commit(file: string, message: string, author: GitAuthor): Promise<string>;
  /** True when the clone's HEAD is a branch (not a tag or a detached commit), so a push can land on it. */
  isOnBranch(): Promise<boolean>;
  /**
   * Makes `sha` readable in the clone: fetched alone (depth 1) when the server allows it,
   * otherwise by deepening the branch's history.
   * @throws GitError when the commit cannot be fetched.
   */
  fetchCommit(sha: string): Promise<void>;
  /** The files (blobs, links, submodules) of `revision` under `dir` (`.` for the whole tree), recursively. */
  listTree(revision: string, dir: string): Promise<TreeEntry[]>;
  /** Stages tree entries as they are — adds, changes and deletions in the index only, nothing read from or written to the work tree. */
  stage(operations: readonly FileOperation[]): Promise<void>;
  /** Commits what is staged with `message` by `author`; returns the new commit. */
  commitStaged(message: string, author: GitAuthor): Promise<string>;
  /** Pushes the checked-out commit to the branch; a moved branch is reported, not thrown. */
  push(): Promise<PushOutcome>;
  /** Fetches the branch's current head and resets the work tree to it, dropping a local commit. */
  catchUp(): Promise<void>;
  /** Deletes the clone. */
  dispose(): Promise<void>;
}

/** Options for {@link cloneConfigRepo}. */
export interface CloneOptions extends GitCommandOptions {
  /** The branch to clone; the remote's default branch when absent. */
  branch?: string;
}

/**
 * Clones `branch` (or the default branch) of `remote` with `--depth 1` into a
 * new temporary directory.
 * @throws GitError when the repository cannot be read or the branch does not exist.
 */
export async function cloneConfigRepo(remote: AuthenticatedRemote, options: CloneOptions = {}): Promise<ConfigClone> {
  const base = await mkdtemp(path.join(os.tmpdir(), "lockstep-set-image-"));
  const dir = path.join(base, "repo");
  const git = { timeoutMs: options.timeoutMs, signal: options.signal, auth: remote.auth };
  const dispose = () => rm(base, { recursive: true, force: true });
  try {
    const branchArgs = options.branch ? ["--branch", options.branch] : [];
    await runGit(["clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", ...branchArgs, "--", remote.url, dir], git);
    const inClone = { ...git, cwd: dir };
    const branch = options.branch ?? (await runGit(["symbolic-ref", "--short", "HEAD"], inClone));
    const commitIndex = async (message: string, author: GitAuthor) => {
      const identity = {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      };
      const paragraphs = message.split(/\n\s*\n/).flatMap((paragraph) => ["-m", paragraph.trim()]);
      await runGit(["-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", ...paragraphs], { ...inClone, env: identity });
      return runGit(["rev-parse", "HEAD"], inClone);
    };
    return {
      dir,
      branch,
      head: () => runGit(["rev-parse", "HEAD"], inClone),
      async commit(file, message, author) {
        await runGit(["add", "--", file], inClone);
        return commitIndex(message, author);
      },
      async isOnBranch() {
        const result = await execGit(["symbolic-ref", "--quiet", "HEAD"], inClone);
        return result.exitCode === 0;
      },
      async fetchCommit(sha) {
        const present = await execGit(["cat-file", "-e", `${sha}^{commit}`], inClone);
        if (present.exitCode === 0) return;
        const single = await execGit(["fetch", "--quiet", "--depth", "1", "--no-tags", "origin", sha], inClone);
        if (single.exitCode === 0 && !single.timedOut && !single.aborted) return;
        await runGit(["fetch", "--quiet", "--unshallow", "--no-tags", "origin", `refs/heads/${branch}`], inClone);
        await runGit(["cat-file", "-e", `${sha}^{commit}`], inClone);
      },
      async listTree(revision, dir) {
        const scope = dir === "." ? [] : ["--", dir];
        return parseTreeListing(await runGit(["ls-tree", "-r", "-z", "--full-tree", revision, ...scope], inClone));
      },
      async stage(operations) {
        for (const operation of operations) {
          if (operation.action === "delete") await runGit(["update-index", "--force-remove", "--", operation.path], inClone);
          else await runGit(["update-index", "--add", "--cacheinfo", `${operation.mode},${operation.object},${operation.path}`], inClone);
        }
      },
      commitStaged: (message, author) => commitIndex(message, author),
      async push() {
        const result = await execGit(["push", "--porcelain", "--quiet", "origin", `HEAD:refs/heads/${branch}`], inClone);
        if (result.exitCode === 0 && !result.timedOut && !result.aborted) return { pushed: true };
        const output = redactCredentials(`${result.stdout}\n${result.stderr}`, { secrets: secretsOfAuth(remote.auth) }).trim();
        const rejected = output.split("\n").find((line) => line.startsWith("!")) ?? output.split("\n").find((line) => line.trim() !== "") ?? "";
        return { pushed: false, retryable: MOVED_BRANCH.test(output), reason: rejected.replace(/^!\s*\S+\s*/, "").trim() || `exit code ${result.exitCode}` };
      },
      async catchUp() {
        await runGit(["fetch", "--quiet", "--depth", "1", "--no-tags", "origin", `refs/heads/${branch}`], inClone);
        await runGit(["reset", "--quiet", "--hard", "FETCH_HEAD"], inClone);
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
