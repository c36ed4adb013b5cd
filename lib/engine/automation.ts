import type { AppRecord } from "@/lib/db/apps";
import { isOperationRunning, listOperations, type OperationRecord } from "@/lib/db/operations";
import { isErrorOfKind } from "@/lib/errors";
import { publish } from "@/lib/events/bus";
import { FIELD_MANAGER } from "@/lib/types";
import { decideAutomation, nextAttempt, type SelfHealRecord } from "./automation-policy";
import type { AppComparison } from "./compare-app";
import type { SyncOptions } from "./sync-app";

/** What automation may do through the facade. */
export interface AutomationActions {
  sync(name: string, options: SyncOptions): Promise<OperationRecord>;
  /** Compares the app again (from the cache), which runs automation again. */
  refresh(name: string): Promise<unknown>;
}

/** What the app page says about self-heal while it holds back. */
export interface SelfHealStatus {
  /** True while a heal waits for its backoff to pass. */
  backingOff: boolean;
  /** Heals in a row so far. */
  attempts: number;
  /** When the next heal may run (ISO), while backing off. */
  nextAttemptAt?: string;
  /** Why, in a sentence, naming the other writers when the cluster says who they are. */
  reason?: string;
}

interface AppAutomation extends SelfHealRecord {
  timer?: NodeJS.Timeout;
  waitingUntil?: number;
  reason?: string;
  running?: boolean;
}

/** How long a refused (409) automated sync waits before looking again. */
const BUSY_RETRY_MS = 2_000;

const globalForAutomation = globalThis as unknown as { lockstepAutomation?: Map<string, AppAutomation> };

function stateOf(name: string): AppAutomation {
  globalForAutomation.lockstepAutomation ??= new Map();
  let state = globalForAutomation.lockstepAutomation.get(name);
  if (!state) globalForAutomation.lockstepAutomation.set(name, (state = { attempts: 0 }));
  return state;
}

/** The field managers other than Lockstep that wrote the drifted fields, for the backoff message. */
function otherWriters(comparison: AppComparison): string[] {
  const managers = comparison.resources.flatMap((r) => r.changes ?? []).map((c) => c.manager);
  return [...new Set(managers.filter((m): m is string => m !== undefined && m !== FIELD_MANAGER))];
}

function clearTimer(state: AppAutomation): void {
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
  state.waitingUntil = undefined;
}

function later(name: string, state: AppAutomation, at: number, actions: AutomationActions): void {
  clearTimer(state);
  state.waitingUntil = at;
  state.timer = setTimeout(() => {
    state.timer = undefined;
    state.waitingUntil = undefined;
    actions.refresh(name).catch((error) => console.error(`automation refresh of ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
  }, Math.max(0, at - Date.now()));
  state.timer.unref?.();
}

async function runSync(app: AppRecord, state: AppAutomation, options: SyncOptions, actions: AutomationActions): Promise<void> {
  state.running = true;
  try {
    await actions.sync(app.name, options);
  } catch (error) {
    if (isErrorOfKind(error, "conflict")) later(app.name, state, Date.now() + BUSY_RETRY_MS, actions);
    else console.error(`${options.kind} of ${app.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    state.running = false;
  }
}

/**
 * Runs the automated sync policy after a refresh (see `decideAutomation`): syncs a new Git
 * revision as `auto-sync`, reverts drift as `self-heal` — at once the first time, then with
 * exponential backoff per app, saying on the app page why it holds back — or does nothing.
 * Initiator `automated`; prunes only when the app's policy does. Reads `automated` as stored,
 * so an app a rollback paused stays still.
 */
export async function automate(app: AppRecord, comparison: AppComparison, actions: AutomationActions): Promise<void> {
  const state = stateOf(app.name);
  if (!app.automated || comparison.syncStatus !== "OutOfSync") {
    clearTimer(state);
    state.reason = undefined;
    return;
  }
  if (state.running || (await isOperationRunning(app.id))) return;
  const decision = decideAutomation({
    automated: app.automated,
    selfHeal: app.selfHeal,
    prune: app.prune,
    syncStatus: comparison.syncStatus,
    comparisonFailed: comparison.desired.length === 0 && comparison.conditions.some((c) => c.type === "ComparisonError"),
    revision: comparison.revision?.sha,
    history: await listOperations(app.id, 20),
    outOfSyncStates: comparison.resources.filter((r) => r.status === "OutOfSync").map((r) => r.state),
    selfHealRecord: state,
    now: Date.now(),
  });
  if (decision.action === "none" || decision.action === "auto-sync") {
    clearTimer(state);
    state.reason = undefined;
  }
  if (decision.action === "auto-sync") {
    await runSync(app, state, { initiator: "automated", kind: "auto-sync", prune: app.prune }, actions);
  } else if (decision.action === "self-heal") {
    clearTimer(state);
    state.attempts = decision.attempt + 1;
    state.lastHealAt = Date.now();
    state.reason = undefined;
    await runSync(app, state, { initiator: "automated", kind: "self-heal", prune: app.prune }, actions);
  } else if (decision.action === "wait") {
    const writers = otherWriters(comparison);
    state.reason = `${decision.reason}${writers.length > 0 ? ` Other writers: ${writers.join(", ")}.` : ""}`;
    if (state.waitingUntil !== decision.until) {
      later(app.name, state, decision.until, actions);
      publish({ type: "app-status", app: app.name, detail: { selfHeal: "backing-off" } });
    }
  }
}

/** Self-heal's state for an app's page; undefined when it never acted. */
export function selfHealStatus(name: string): SelfHealStatus | undefined {
  const state = globalForAutomation.lockstepAutomation?.get(name);
  if (!state || state.lastHealAt === undefined) return undefined;
  const backingOff = state.waitingUntil !== undefined && state.waitingUntil > Date.now();
  return {
    backingOff,
    attempts: nextAttempt(state, Date.now()),
    ...(backingOff ? { nextAttemptAt: new Date(state.waitingUntil as number).toISOString() } : {}),
    ...(backingOff && state.reason ? { reason: state.reason } : {}),
  };
}

/** Forgets an app's automation state (the app was deleted). */
export function forgetAutomation(name: string): void {
  const state = globalForAutomation.lockstepAutomation?.get(name);
  if (state) clearTimer(state);
  globalForAutomation.lockstepAutomation?.delete(name);
}
