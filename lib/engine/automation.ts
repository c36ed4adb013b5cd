/**
 * Automated sync and self-heal for one engine: after a refresh, decides (see `decideAutomation`)
 * and queues an `auto-sync` or `self-heal` operation through the same queue people use, or
 * waits out self-heal's backoff. Its per-app state (attempts, timers) belongs to the engine.
 */
import type { AppRecord } from "@/lib/db/apps";
import { isErrorOfKind } from "@/lib/errors";
import { FIELD_MANAGER, type OperationKind } from "@/lib/types";
import { decideAutomation, nextAttempt, type SelfHealRecord } from "./automation-policy";
import type { AppComparison } from "./compare-app";
import { messageOf, type EngineContext } from "./context";

/** What automation may do through the rest of the engine. */
export interface AutomationActions {
  /** Queues an automated operation (initiator `automated`); a conflict means one is queued or running. */
  enqueue(app: AppRecord, kind: Extract<OperationKind, "auto-sync" | "self-heal">): Promise<unknown>;
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
  /** Why the last automated sync was not queued (a closed window, a refusing project). */
  heldBack?: string;
}

/** How long a refused (conflicting) automated sync waits before looking again. */
const BUSY_RETRY_MS = 2_000;

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

/** Automated sync and self-heal of one engine's apps. */
export class Automation {
  private readonly states = new Map<string, AppAutomation>();

  constructor(
    private readonly ctx: Pick<EngineContext, "db" | "events" | "clock" | "log">,
    private readonly actions: AutomationActions,
  ) {}

  private stateOf(name: string): AppAutomation {
    let state = this.states.get(name);
    if (!state) this.states.set(name, (state = { attempts: 0 }));
    return state;
  }

  private later(name: string, state: AppAutomation, at: number): void {
    clearTimer(state);
    state.waitingUntil = at;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      state.waitingUntil = undefined;
      this.actions.refresh(name).catch((error) => this.ctx.log.error(`automation refresh of ${name} failed: ${messageOf(error)}`));
    }, Math.max(0, at - this.ctx.clock.now()));
    state.timer.unref?.();
  }

  private async enqueue(app: AppRecord, state: AppAutomation, kind: "auto-sync" | "self-heal"): Promise<void> {
    try {
      await this.actions.enqueue(app, kind);
      state.heldBack = undefined;
    } catch (error) {
      if (isErrorOfKind(error, "conflict")) this.later(app.name, state, this.ctx.clock.now() + BUSY_RETRY_MS);
      else if (isErrorOfKind(error, "refused")) this.holdBack(app.name, state, messageOf(error));
      else this.ctx.log.error(`${kind} of ${app.name} could not be queued: ${messageOf(error)}`);
    }
  }

  /** Notes why automation holds back (a closed sync window, a refusing project) for the app page. */
  private holdBack(name: string, state: AppAutomation, reason: string): void {
    if (state.heldBack === reason) return;
    state.heldBack = reason;
    this.ctx.events.publish({ type: "app-status", app: name, detail: { automation: "held-back" } });
  }

  /**
   * Runs the automated sync policy after a refresh: queues a new Git revision's sync as
   * `auto-sync`, reverts drift as `self-heal` — at once the first time, then with exponential
   * backoff per app, saying on the app page why it holds back — or does nothing. Reads
   * `automated` as stored, so an app a rollback paused stays still.
   */
  async consider(app: AppRecord, comparison: AppComparison): Promise<void> {
    const state = this.stateOf(app.name);
    if (!app.automated || comparison.syncStatus !== "OutOfSync") {
      clearTimer(state);
      state.reason = undefined;
      state.heldBack = undefined;
      return;
    }
    if (await this.ctx.db.operations.isOperationRunning(app.id)) return;
    const now = this.ctx.clock.now();
    const decision = decideAutomation({
      automated: app.automated,
      selfHeal: app.selfHeal,
      prune: app.prune,
      syncStatus: comparison.syncStatus,
      comparisonFailed: comparison.desired.length === 0 && comparison.conditions.some((c) => c.type === "ComparisonError"),
      revision: comparison.revision?.sha,
      history: await this.ctx.db.operations.listOperations(app.id, 20),
      outOfSyncStates: comparison.resources.filter((r) => r.status === "OutOfSync").map((r) => r.state),
      selfHealRecord: state,
      now,
    });
    if (decision.action === "none" || decision.action === "auto-sync") {
      clearTimer(state);
      state.reason = undefined;
    }
    if (decision.action === "auto-sync") {
      await this.enqueue(app, state, "auto-sync");
    } else if (decision.action === "self-heal") {
      clearTimer(state);
      state.attempts = decision.attempt + 1;
      state.lastHealAt = now;
      state.reason = undefined;
      await this.enqueue(app, state, "self-heal");
    } else if (decision.action === "wait") {
      const writers = otherWriters(comparison);
      state.reason = `${decision.reason}${writers.length > 0 ? ` Other writers: ${writers.join(", ")}.` : ""}`;
      if (state.waitingUntil !== decision.until) {
        this.later(app.name, state, decision.until);
        this.ctx.events.publish({ type: "app-status", app: app.name, detail: { selfHeal: "backing-off" } });
      }
    }
  }

  /** Self-heal's state for an app's page; undefined when it never acted. */
  selfHealStatus(name: string): SelfHealStatus | undefined {
    const state = this.states.get(name);
    if (!state || state.lastHealAt === undefined) return undefined;
    const now = this.ctx.clock.now();
    const backingOff = state.waitingUntil !== undefined && state.waitingUntil > now;
    return {
      backingOff,
      attempts: nextAttempt(state, now),
      ...(backingOff ? { nextAttemptAt: new Date(state.waitingUntil as number).toISOString() } : {}),
      ...(backingOff && state.reason ? { reason: state.reason } : {}),
    };
  }

  /** Forgets an app's automation state (the app was deleted). */
  forget(name: string): void {
    const state = this.states.get(name);
    if (state) clearTimer(state);
    this.states.delete(name);
  }

  /** Clears every timer (the engine stops). */
  stop(): void {
    for (const state of this.states.values()) clearTimer(state);
  }
}
