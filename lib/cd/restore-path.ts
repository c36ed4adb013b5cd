/**
 * Restores one directory of a config repository to what an older commit had there, as a
 * new commit on the branch: the old revision's tree at the path replaces the head's (files
 * added, changed and deleted until the two are equal), each file the old blob byte for
 * byte, so comments and formatting come back exactly. Everything outside the path stays as
 * the head has it. Goes through set-image's clone and push-with-retry path: a branch that
 * moved between clone and push is caught up with and the restore made again on its new head.
 * Only the clone's index is written (`git update-index` with the old objects), never its work
 * tree, so a symbolic link in either revision is restored as the link it was and never followed.
 */
import type { GitAuthor } from "./config-clone";
import { cleanRepoPath, pushWithRetry, withConfigClone, type ChangeAttempt, type ConfigRepoTarget } from "./config-write";
import { DEFAULT_MAX_ATTEMPTS } from "./set-image";
import { SetImageError } from "./set-image-error";
import { restoreOperations, summarizeOperations, type FileChangeSummary } from "./tree-restore";

/** The author of restore commits unless told otherwise. */
export const RESTORE_AUTHOR: GitAuthor = { name: "Lockstep", email: "rollback@lockstep.local" };

/** What to restore, from which commit, and how to say so. */
export interface RestorePathOptions extends ConfigRepoTarget {
  /** The directory to restore, relative to the repository root (`.` for all of it). */
  path: string;
  /** The full SHA of the commit whose files to bring back. */
  revision: string;
  /** The commit message. */
  message: string;
  /** The commit's author and committer. @default RESTORE_AUTHOR */
  author?: GitAuthor;
  /** Pushes tried before giving up. @default 5 */
  maxAttempts?: number;
  /** Only say which files would change: nothing is committed or pushed. @default false */
  dryRun?: boolean;
}

/** What a restore did, or (dry run) would do. */
export interface RestorePathResult {
  /** `committed`: pushed; `unchanged`: the head already had those files; `preview`: a dry run that would commit. */
  status: "committed" | "unchanged" | "preview";
  /** The new commit; the branch head for `unchanged` and `preview`. */
  commit: string;
  branch: string;
  /** The restored directory, cleaned. */
  path: string;
  /** The files the commit changes (or would), with how. */
  files: FileChangeSummary[];
  /** Pushes tried (0 when nothing was pushed). */
  attempts: number;
}

const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * Restores `path` to its state at `revision` in a new commit on the branch, and pushes it.
 * @throws SetImageError — invalid for a bad path or a target that is not a branch; conflict when
 * the old commit is no longer in the repository or the branch kept moving; unreachable when the
 * Git host failed (Git's words in `detail`). Nothing is pushed then.
 */
export async function restorePath(options: RestorePathOptions): Promise<RestorePathResult> {
  const repoPath = cleanRepoPath(options.path);
  if (!FULL_SHA.test(options.revision)) throw new SetImageError(`"${options.revision}" is not a full commit SHA.`, { kind: "invalid" });
  return withConfigClone(options, async (clone, remote) => {
    if (!(await clone.isOnBranch())) {
      throw new SetImageError(`"${clone.branch}" is not a branch, so no commit can be pushed to it.`, { kind: "invalid" });
    }
    await clone.fetchCommit(options.revision).catch((error: unknown) => {
      throw new SetImageError(`The commit ${options.revision.slice(0, 7)} can no longer be fetched from the repository.`, { kind: "conflict", cause: error });
    });
    const target = await clone.listTree(options.revision, repoPath);
    const plan = async () => restoreOperations(await clone.listTree("HEAD", repoPath), target);
    if (options.dryRun) {
      const operations = await plan();
      return { status: operations.length > 0 ? "preview" : "unchanged", commit: await clone.head(), branch: clone.branch, path: repoPath, files: summarizeOperations(operations), attempts: 0 };
    }
    const { result, pushed, attempts } = await pushWithRetry(clone, remote, {
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      onProgress: options.onProgress,
      change: async (): Promise<ChangeAttempt<{ files: FileChangeSummary[]; commit?: string }>> => {
        const operations = await plan();
        if (operations.length === 0) return { committed: false, result: { files: [] } };
        await clone.stage(operations);
        const commit = await clone.commitStaged(options.message, options.author ?? RESTORE_AUTHOR);
        return { committed: true, commit, result: { files: summarizeOperations(operations), commit } };
      },
    });
    if (!pushed || !result.commit) return { status: "unchanged", commit: await clone.head(), branch: clone.branch, path: repoPath, files: [], attempts };
    return { status: "committed", commit: result.commit, branch: clone.branch, path: repoPath, files: result.files, attempts };
  });
}
