import type { OperationRecord } from "@/lib/db/operations";
import { backoffDelay, type BackoffPolicy } from "@/lib/retry";
import type { SyncStatus } from "@/lib/types";

/** Self-heal backoff, after Argo CD's defaults: 2 s, times 3 per attempt, at most 5 minutes. */
export const SELF_HEAL_BACKOFF: BackoffPolicy = { initialMs: 2_000, factor: 3, maxMs: 300_000 };
/** Self-heal attempts further apart than this count as unrelated: the backoff starts over. */
export const SELF_HEAL_RESET_MS = 10 * 60_000;

/** Self-heal's memory of one app. */
export interface SelfHealRecord {
  /** Heals in a row, each within {@link SELF_HEAL_RESET_MS} of the one before. */
  attempts: number;
  /** When the last heal started (epoch ms). */
  lastHealAt?: number;
}

/** Everything the decision depends on. */
export interface AutomationInput {
  automated: boolean;
  selfHeal: boolean;
  prune: boolean;
  syncStatus: SyncStatus;
  /** The comparison produced nothing to apply (render or cluster failure). */
  comparisonFailed: boolean;
  /** The revision Git's target resolves to now. */
  revision?: string;
  /** The app's history, newest first. */
  history: readonly Pick<OperationRecord, "kind" | "phase" | "revision" | "dryRun">[];
  /** States of the out-of-sync resources. */
  outOfSyncStates: readonly string[];
  selfHealRecord: SelfHealRecord;
  now: number;
}

/** What automation should do after a refresh. */
export type AutomationDecision =
  | { action: "none"; reason: string }
  | { action: "auto-sync"; reason: string }
  | { action: "self-heal"; reason: string; attempt: number }
  | { action: "wait"; until: number; reason: string; attempt: number };

/** The pause before self-heal attempt `attempt` (0-based): none for the first, then 2 s, 6 s, 18 s... up to 5 min. */
export function selfHealDelayMs(attempt: number): number {
  if (attempt <= 0) return 0;
  return backoffDelay(attempt, SELF_HEAL_BACKOFF);
}

/** The revision of the last real sync that succeeded, if any. */
export function lastSyncedRevision(history: AutomationInput["history"]): string | undefined {
  return history.find((op) => !op.dryRun && op.phase === "Succeeded" && op.kind !== "rollback")?.revision ?? undefined;
}

/** The attempt number the next heal would be, given when the last one ran. */
export function nextAttempt(record: SelfHealRecord, now: number): number {
  if (record.lastHealAt === undefined || now - record.lastHealAt > SELF_HEAL_RESET_MS) return 0;
  return record.attempts;
}

/**
 * Argo CD's automated sync policy as a pure function. Automated apps sync a new Git revision
 * (once: a failed auto-sync of a revision is not retried until Git moves, as Argo CD does);
 * with self-heal, drift from an already synced revision is reverted at once the first time,
 * then with exponential backoff, so a second writer fighting Lockstep cannot make it loop
 * hot. Resources that only need pruning are left alone unless the app prunes.
 */
export function decideAutomation(input: AutomationInput): AutomationDecision {
  if (!input.automated) return { action: "none", reason: "Automated sync is off." };
  if (input.syncStatus !== "OutOfSync") return { action: "none", reason: `The app is ${input.syncStatus}.` };
  if (input.comparisonFailed || !input.revision) return { action: "none", reason: "The comparison failed; nothing can be synced." };
  if (!input.prune && input.outOfSyncStates.every((state) => state === "prunable")) {
    return { action: "none", reason: "Only resources to prune differ, and the app's policy does not prune." };
  }
  const synced = lastSyncedRevision(input.history);
  if (synced !== input.revision) {
    const lastAuto = input.history.find((op) => op.kind === "auto-sync" && !op.dryRun);
    if (lastAuto?.revision === input.revision && (lastAuto.phase === "Failed" || lastAuto.phase === "Error")) {
      return { action: "none", reason: `The automated sync of ${input.revision.slice(0, 7)} failed; it is not retried until Git moves or someone syncs by hand.` };
    }
    return { action: "auto-sync", reason: `Git moved to ${input.revision.slice(0, 7)}.` };
  }
  if (!input.selfHeal) return { action: "none", reason: "The cluster drifted from Git and self-heal is off." };
  const attempt = nextAttempt(input.selfHealRecord, input.now);
  const until = (input.selfHealRecord.lastHealAt ?? 0) + selfHealDelayMs(attempt);
  if (attempt > 0 && until > input.now) {
    return { action: "wait", until, attempt, reason: `Git's version was restored ${attempt} time${attempt === 1 ? "" : "s"} in a row and the cluster drifted again.` };
  }
  return { action: "self-heal", attempt, reason: "The cluster drifted from the synced revision." };
}
