/**
 * What is worth telling people, as pure functions of what the engine just recorded: an
 * operation's end (sync succeeded or failed, rollback, automated sync paused) or an app's new
 * status (health degraded; drift, which waits out a grace period before anyone is told).
 */
import type { HealthStatus, OperationKind, OperationPhase, SyncStatus } from "@/lib/types";

/** The events a subscription may ask for, in the order pages list them. */
export const TRIGGERS = ["sync-succeeded", "sync-failed", "health-degraded", "drift-detected", "rollback", "auto-sync-paused"] as const;

/** One of {@link TRIGGERS}. */
export type Trigger = (typeof TRIGGERS)[number];

/** Something to notify: a trigger about one app at one revision, with a sentence saying what happened. */
export interface TriggerEvent {
  trigger: Trigger;
  app: string;
  /** The Git revision concerned; empty when none is known. */
  revision: string;
  /** What happened, in a sentence, secret-free. */
  message: string;
}

/** An operation as it ended, with the app's automation flags read after it. */
export interface EndedOperation {
  app: string;
  kind: OperationKind;
  phase: OperationPhase;
  dryRun: boolean;
  revision: string | null;
  message: string | null;
  /** The app's automated sync is paused by a rollback (read after the operation). */
  autoSyncPaused: boolean;
  /** The app's automated sync is on (read after the operation). */
  automated: boolean;
}

const isEnded = (phase: OperationPhase) => phase === "Succeeded" || phase === "Failed" || phase === "Error";
const short = (revision: string) => (revision ? revision.slice(0, 7) : "an unknown revision");

/**
 * The triggers an ended operation fires (pure). Dry runs fire none. A sync (manual, automated
 * or self-heal) fires `sync-succeeded` or `sync-failed`; a rollback fires `rollback` when it
 * succeeds and `sync-failed` when not, and `auto-sync-paused` when it left automated sync
 * paused; a failed automated sync also fires `auto-sync-paused`, since automation does not
 * retry that revision until Git moves (see lib/engine/automation-policy.ts).
 */
export function operationTriggers(op: EndedOperation): TriggerEvent[] {
  if (op.dryRun || !isEnded(op.phase)) return [];
  const revision = op.revision ?? "";
  const base = { app: op.app, revision };
  const failed = op.phase !== "Succeeded";
  const events: TriggerEvent[] = [];
  if (op.kind === "rollback") {
    events.push(failed ? { ...base, trigger: "sync-failed", message: `Rollback to ${short(revision)} failed: ${op.message ?? op.phase}` } : { ...base, trigger: "rollback", message: `Rolled back to ${short(revision)}.` });
    if (op.autoSyncPaused) events.push({ ...base, trigger: "auto-sync-paused", message: `Automated sync is paused after the rollback to ${short(revision)}; resume it to follow Git again.` });
    return events;
  }
  events.push(failed ? { ...base, trigger: "sync-failed", message: `Sync of ${short(revision)} failed: ${op.message ?? op.phase}` } : { ...base, trigger: "sync-succeeded", message: `Synced ${short(revision)}.` });
  if (failed && op.kind === "auto-sync" && op.automated) {
    events.push({ ...base, trigger: "auto-sync-paused", message: `The automated sync of ${short(revision)} failed; it is not retried until Git moves or someone syncs by hand.` });
  }
  return events;
}

/** An app's stored status after a comparison. */
export interface ObservedStatus {
  app: string;
  syncStatus: SyncStatus;
  healthStatus: HealthStatus;
  revision: string | null;
}

/** What a new status means: triggers to send now, and whether a drift grace period starts, goes on or ends. */
export interface StatusDecision {
  now: TriggerEvent[];
  /** `watch`: the app is OutOfSync, drift is told once it stays so past the grace; `clear`: it is not. */
  drift: "watch" | "clear";
}

/**
 * The triggers a stored status fires at once (pure): `health-degraded` while the app is
 * Degraded; drift is only watched, since a new commit or a passing edit makes an app OutOfSync
 * for a moment and automated sync may heal it — see {@link isDriftStill}.
 */
export function statusTriggers(status: ObservedStatus): StatusDecision {
  const revision = status.revision ?? "";
  const now: TriggerEvent[] = status.healthStatus === "Degraded" ? [{ trigger: "health-degraded", app: status.app, revision, message: `Health is Degraded at ${short(revision)}.` }] : [];
  return { now, drift: status.syncStatus === "OutOfSync" ? "watch" : "clear" };
}

/**
 * Whether drift, first seen at `since`, is told now (pure): only once the grace has passed
 * and the app is still OutOfSync.
 */
export function isDriftStill(input: { since: number; graceMs: number; now: number; syncStatus: SyncStatus }): boolean {
  return input.syncStatus === "OutOfSync" && input.now - input.since >= input.graceMs;
}

/** The drift-detected event of an app still OutOfSync (pure). */
export function driftEvent(status: ObservedStatus, graceMs: number): TriggerEvent {
  const minutes = Math.round(graceMs / 60_000);
  const span = minutes >= 1 ? `${minutes} minute${minutes === 1 ? "" : "s"}` : `${Math.round(graceMs / 1000)} seconds`;
  return { trigger: "drift-detected", app: status.app, revision: status.revision ?? "", message: `The cluster has differed from Git for more than ${span}.` };
}
