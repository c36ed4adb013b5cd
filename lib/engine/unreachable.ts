/**
 * When Git cannot be reached, an app keeps what was last known about it —
 * sync status, health, revision and resources — and gains a `RepoUnreachable`
 * condition quoting git's error (credentials already removed by lib/source).
 * Nothing is wiped because a Git host had a bad minute.
 */
import type { AppRecord, StatusUpdate } from "@/lib/db/apps";
import type { AppCondition } from "@/lib/types";
import type { AppComparison } from "./compare-app";
import type { EngineContext } from "./context";

/** True when the comparison failed because the repository could not be reached. */
export function isRepoUnreachable(comparison: AppComparison): boolean {
  return comparison.conditions.some((condition) => condition.type === "RepoUnreachable");
}

/**
 * The `RepoUnreachable` conditions of a stored status. A comparison that reuses the last render
 * instead of reading Git (a cluster change, an operation's own comparison) keeps them: it learnt
 * nothing about the repository, so only a read of Git clears them.
 */
export function unreachableConditionsOf(conditions: readonly AppCondition[]): AppCondition[] {
  return conditions.filter((condition) => condition.type === "RepoUnreachable");
}

/** The status to store: the previous one, with the unreachable condition instead of the old conditions. */
export function unreachableStatus(app: AppRecord, previousRows: unknown[], comparison: AppComparison): StatusUpdate {
  return {
    syncStatus: app.status.syncStatus,
    healthStatus: app.status.healthStatus,
    revision: app.status.revision,
    revisionSubject: app.status.revisionSubject,
    revisionAuthor: app.status.revisionAuthor,
    revisionDate: app.status.revisionDate,
    conditions: unreachableConditionsOf(comparison.conditions),
    resources: previousRows,
  };
}

/**
 * Stores the last known status with the `RepoUnreachable` condition and tells
 * the pages; answers the last good comparison with that condition (or the
 * failed one when there is none).
 */
export async function recordUnreachable(
  ctx: Pick<EngineContext, "db" | "events">,
  app: AppRecord,
  previousRows: unknown[],
  comparison: AppComparison,
  last: AppComparison | undefined,
): Promise<AppComparison> {
  const status = unreachableStatus(app, previousRows, comparison);
  await ctx.db.apps.saveStatus(app.id, status);
  ctx.events.publish({ type: "app-status", app: app.name, detail: { syncStatus: status.syncStatus, condition: "RepoUnreachable" } });
  return last ? { ...last, conditions: status.conditions } : comparison;
}
