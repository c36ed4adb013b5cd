/**
 * Pure: which history entry a rolled-back app runs, and which branch its commits go to —
 * what "make the rollback permanent" needs to know before it touches Git.
 */
import type { OperationRecord } from "@/lib/db/operations";
import { ConflictError } from "@/lib/errors";

const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The id of the history entry the app was last rolled back to: the newest successful rollback
 * in `history` (newest first) names it. Undefined when no rollback succeeded, or a sync
 * succeeded after it (the rollback is over).
 */
export function rolledBackEntryId(history: readonly OperationRecord[]): string | undefined {
  for (const op of history) {
    if (op.dryRun || op.phase !== "Succeeded") continue;
    if (op.kind === "rollback") return op.rollbackOf ?? undefined;
    if (op.kind === "sync") return undefined;
  }
  return undefined;
}

/**
 * The branch a commit to the app's repository goes to: none (the default branch) for `HEAD`,
 * the name without `refs/heads/` otherwise.
 * @throws ConflictError when the app follows a fixed commit, which no commit can move.
 */
export function branchOfTarget(appName: string, targetRevision: string): string | undefined {
  const revision = targetRevision.trim();
  if (revision === "" || revision === "HEAD") return undefined;
  if (FULL_SHA.test(revision)) {
    throw new ConflictError(`Application "${appName}" follows the fixed commit ${revision.slice(0, 7)}, so a commit to a branch would not change what it deploys.`);
  }
  return revision.replace(/^refs\/heads\//, "");
}
