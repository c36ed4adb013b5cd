/**
 * Operations as queued data, run by a worker. A request validates, writes a `Queued` operation
 * naming its caller and takes the app's lock (a second request is a conflict at once, before
 * any comparison); the worker claims queued operations with a conditional update — so several
 * processes may share one database — and runs each under an `AbortController` of its own, which
 * termination aborts. Automated sync and self-heal are queued the same way.
 */
import type { AppRecord } from "@/lib/db/apps";
import type { OperationRecord } from "@/lib/db/operations";
import { RefusedByPolicyError } from "@/lib/errors";
import { isCompleted, type OperationKind } from "@/lib/types";
import type { Comparer } from "./comparisons";
import { messageOf, type EngineContext } from "./context";
import type { RollbackRequest, SyncRequest } from "./facade";
import { loadRules, windowVerdict } from "./project-rules";
import { loadRollbackTarget } from "./rollback";
import { runOperation, TerminationRequested } from "./run-operation";


/** Queued operations read beyond the free slots: those of apps another replica runs are passed over. */
const QUEUE_LOOKAHEAD = 50;

/** Why running operations are aborted when the engine stops. */
class EngineStopping extends Error {
  constructor() {
    super("the server is stopping");
  }
}

interface RunningOperation {
  appName: string;
  controller: AbortController;
  done: Promise<unknown>;
}

/** The operation queue and worker of one engine. */
export class Operations {
  private readonly running = new Map<string, RunningOperation>();
  private pollTimer: NodeJS.Timeout | undefined;
  private started = false;
  private claiming: Promise<void> | undefined;
  private claimAgain = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly comparer: Comparer,
  ) {}

  /** Queues an operation for an app, naming who asked. @throws ConflictError when one is queued or running. */
  private async enqueue(app: AppRecord, kind: OperationKind, initiator: string, fields: { dryRun?: boolean; prune?: boolean; resources?: string[]; rollbackOf?: string }): Promise<OperationRecord> {
    const operation = await this.ctx.db.queue.enqueueOperation(
      {
        appId: app.id,
        kind,
        initiator,
        dryRun: fields.dryRun ?? false,
        prune: fields.prune ?? app.prune,
        rollbackOf: fields.rollbackOf,
        request: fields.resources && fields.resources.length > 0 ? { resources: fields.resources } : {},
        requireAutomated: kind === "auto-sync" || kind === "self-heal",
      },
      app.name,
    );
    this.ctx.events.publish({ type: "operation", app: app.name, detail: { id: operation.id, phase: operation.phase } });
    this.wake();
    return operation;
  }

  /**
   * Refuses a person's request the app's project does not allow now: its repository or
   * destination, or a closed sync window — which an admin may override with `syncAnyway`.
   * Answers the window's reason when it was overridden.
   */
  private async admit(app: AppRecord, syncAnyway: boolean | undefined, isAdmin: boolean): Promise<string | undefined> {
    const rules = await loadRules(this.ctx, app);
    if (rules.appRefusal) throw new RefusedByPolicyError(rules.appRefusal.message);
    const verdict = windowVerdict(this.ctx, rules, app, true);
    if (verdict.open) return undefined;
    const reason = verdict.reason ?? `A sync window of project ${rules.project.name} is closed.`;
    if (!syncAnyway) throw new RefusedByPolicyError(`${reason} An admin may sync anyway.`);
    if (!isAdmin) throw new RefusedByPolicyError(`${reason} Only an admin may sync anyway.`);
    return reason;
  }

  /** Notes an overridden window in the operation's log and answers the operation as it is now. */
  private async noteOverride(app: AppRecord, operation: OperationRecord, initiator: string, reason: string | undefined): Promise<OperationRecord> {
    if (reason === undefined) return operation;
    await this.ctx.db.operations.appendOperationLog(operation.id, `Sync window overridden by ${initiator}: ${reason}`);
    return this.ctx.db.operations.getOperation(app.id, operation.id);
  }

  /** Queues a person's sync of an app. */
  async requestSync(name: string, request: SyncRequest, initiator: string, isAdmin = false): Promise<OperationRecord> {
    const app = await this.ctx.db.apps.getApp(name);
    const overridden = await this.admit(app, request.syncAnyway, isAdmin);
    return this.noteOverride(app, await this.enqueue(app, "sync", initiator, request), initiator, overridden);
  }

  /** Queues an automated operation of an app the engine just compared, unless its project's windows or rules hold it back. */
  async requestAutomated(app: AppRecord, kind: Extract<OperationKind, "auto-sync" | "self-heal">): Promise<OperationRecord> {
    const rules = await loadRules(this.ctx, app);
    if (rules.appRefusal) throw new RefusedByPolicyError(rules.appRefusal.message);
    const verdict = windowVerdict(this.ctx, rules, app, false);
    if (!verdict.open) throw new RefusedByPolicyError(`Automated sync waits: ${verdict.reason ?? "a sync window is closed."}`);
    return this.enqueue(app, kind, "automated", { prune: app.prune });
  }

  /** Queues a rollback to an earlier successful entry, refused at once when that entry cannot be rolled back to. */
  async requestRollback(name: string, request: RollbackRequest, initiator: string, isAdmin = false): Promise<OperationRecord> {
    const app = await this.ctx.db.apps.getApp(name);
    const { op } = await loadRollbackTarget(this.ctx, app, request.operationId);
    const overridden = await this.admit(app, request.syncAnyway, isAdmin);
    return this.noteOverride(app, await this.enqueue(app, "rollback", initiator, { prune: request.prune, rollbackOf: op.id }), initiator, overridden);
  }

  /**
   * Stops an operation: a queued one ends at once without running; a running one is marked
   * `Terminating` (seen by whichever process runs it) and, when it runs here, its in-flight
   * requests are aborted now. @throws ConflictError for an operation that already ended.
   */
  async terminate(name: string, operationId: string, who: string): Promise<OperationRecord> {
    const { db, events, clock } = this.ctx;
    const app = await db.apps.getApp(name);
    const cancelled = await db.queue.cancelQueuedOperation(app.id, operationId, who, new Date(clock.now()));
    if (cancelled) {
      events.publish({ type: "operation", app: name, detail: { id: cancelled.id, phase: cancelled.phase } });
      return cancelled;
    }
    const operation = await db.operations.requestTermination(app.id, operationId, who);
    this.running.get(operationId)?.controller.abort(new TerminationRequested(who));
    events.publish({ type: "operation", app: name, detail: { id: operation.id, phase: operation.phase } });
    return operation;
  }

  /** Resolves once the operation has ended, with its final record; or with its record so far once `signal` aborts. */
  async waitFor(name: string, operationId: string, signal?: AbortSignal): Promise<OperationRecord> {
    const { db, events } = this.ctx;
    const app = await db.apps.getApp(name);
    for (;;) {
      const operation = await db.operations.getOperation(app.id, operationId);
      if (isCompleted(operation.phase) || signal?.aborted) return operation;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          stop();
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, this.ctx.settings.workerPollMs);
        const stop = events.subscribe((e) => {
          if (e.event.type === "operation" && e.event.app === name && e.event.detail?.id === operationId && e.event.detail.phase !== "Running") done();
        });
        signal?.addEventListener("abort", done, { once: true });
      });
    }
  }

  /** True while this engine runs an operation of the app. */
  isRunning(appName: string): boolean {
    for (const op of this.running.values()) if (op.appName === appName) return true;
    return false;
  }

  /** Starts the worker: it looks for queued operations now, whenever one is queued here, and every poll interval. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const poll = () => {
      this.wake();
      if (this.started) this.pollTimer = setTimeout(poll, this.ctx.settings.workerPollMs);
      this.pollTimer?.unref?.();
    };
    poll();
  }

  /** Stops claiming, aborts the operations running here and waits until they have recorded their end. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    await this.claiming;
    for (const op of this.running.values()) op.controller.abort(new EngineStopping());
    await Promise.allSettled([...this.running.values()].map((op) => op.done));
  }

  /** Claims and starts what is queued, once any claim already under way is done. */
  wake(): void {
    if (!this.started) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = this.claimQueued()
      .catch((error) => this.ctx.log.error(`claiming queued operations failed: ${messageOf(error)}`))
      .finally(() => {
        this.claiming = undefined;
        if (this.claimAgain) {
          this.claimAgain = false;
          this.wake();
        }
      });
  }

  /** Waits until nothing is queued here nor running (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.claiming || this.running.size > 0) {
      await this.claiming;
      await Promise.allSettled([...this.running.values()].map((op) => op.done));
    }
  }

  private async claimQueued(): Promise<void> {
    const { db, settings, clock } = this.ctx;
    const free = settings.workerConcurrency - this.running.size;
    if (free <= 0) return;
    const busyApps = new Set([...this.running.values()].map((op) => op.appName));
    for (const { operation, appName } of await db.queue.listQueuedOperations(free * 2 + QUEUE_LOOKAHEAD)) {
      if (this.running.size >= settings.workerConcurrency) return;
      if (busyApps.has(appName) || !this.ctx.owns(appName)) continue;
      const claimed = await db.queue.claimOperation(operation.id, settings.holder, new Date(clock.now()));
      if (!claimed) continue;
      busyApps.add(appName);
      this.run(claimed, appName);
    }
  }

  private run(operation: OperationRecord, appName: string): void {
    const controller = new AbortController();
    const done = runOperation(this.ctx, this.comparer, operation, appName, controller)
      .catch((error) => this.ctx.log.error(`operation ${operation.id} of ${appName} failed: ${messageOf(error)}`))
      .finally(() => {
        this.running.delete(operation.id);
        this.wake();
      });
    this.running.set(operation.id, { appName, controller, done });
  }
}
