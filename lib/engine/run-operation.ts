/**
 * Running one claimed operation, as a worker does: compare → plan → execute → record.
 * A sync compares the app with Git afresh; a rollback compares the manifests its target entry
 * stored. The plan is a value; execution honours the operation's signal; recording completes
 * the history row, releases the app's lock, trims history and compares the app again.
 */
import type { AppRecord } from "@/lib/db/apps";
import type { OperationRecord, ResourceResult } from "@/lib/db/operations";
import { aggregateHealth } from "@/lib/health";
import { describeKubeError } from "@/lib/kube/errors";
import { operationPhaseLabel, secondsSince, type OperationStop } from "@/lib/metrics";
import { keyOf, subjectOf, type HealthStatus, type OperationPhase } from "@/lib/types";
import type { AppComparison } from "./compare-app";
import type { Comparer } from "./comparisons";
import { messageOf, type EngineContext } from "./context";
import { executePlan, type ChangeSet, type ObjectWriter } from "./execute";
import { historyLimitFor } from "./history-limit";
import { liveHealth } from "./live-health";
import { OperationProgress } from "./operation-progress";
import { changeCount, planSync, type SyncPlan } from "./plan";
import { loadRules, windowVerdict } from "./project-rules";
import { compareManifests, loadRollbackTarget } from "./rollback";

/** How an operation ended, as stored. */
export interface OperationOutcome {
  phase: Extract<OperationPhase, "Succeeded" | "Failed" | "Error">;
  message: string;
}

/** The outcome of an execution, in words for the history (pure). */
export function outcomeOf(changeSet: ChangeSet, operation: Pick<OperationRecord, "dryRun" | "kind">): OperationOutcome {
  const { end, results } = changeSet;
  if (end.state === "terminated") return { phase: "Failed", message: end.reason };
  if (end.state === "failed" && end.reason) return { phase: "Failed", message: end.reason };
  const failed = results.filter((r) => r.action === "failed" || r.action === "refused").length;
  if (end.state === "failed" || failed > 0) {
    return { phase: "Failed", message: `${failed} resource(s) failed to sync${end.state === "failed" ? `; the sync stopped at the step of ${end.subject}` : ""}.` };
  }
  if (operation.dryRun) return { phase: "Succeeded", message: "Dry run: nothing was changed." };
  return { phase: "Succeeded", message: operation.kind === "rollback" ? "Successfully rolled back." : "Successfully synced." };
}

/** A plan with refused resources writes nothing: the operation fails listing each refusal (pure). */
export function refusedOutcome(plan: Pick<SyncPlan, "refused">): { phase: "Failed"; message: string; results: ResourceResult[] } {
  const results = plan.refused.map(({ obj, refusal }) => {
    const key = keyOf(obj);
    return { subject: subjectOf(key), ...key, action: "refused" as const, message: refusal.message };
  });
  const first = plan.refused[0]?.refusal.message ?? "";
  return { phase: "Failed", message: `${results.length} resource(s) refused, so nothing was applied: ${first}`, results };
}

/** A termination, as the reason its abort carries. */
export class TerminationRequested extends Error {
  constructor(readonly who: string) {
    super(`terminated by ${who}`);
  }
}

/** What makes this operation's `generateName` hooks unique: the revision's first 7 characters and the start time in seconds, as Argo CD names them. */
function hookSuffixOf(comparison: AppComparison, operation: Pick<OperationRecord, "startedAt">): string {
  return `${comparison.revision?.sha.slice(0, 7) ?? "sync"}-${Math.floor(operation.startedAt.getTime() / 1000)}`;
}

/** Why the operation's signal was aborted, if it was: a termination someone asked for, or this process giving the operation up. */
function stopOf(signal: AbortSignal): OperationStop | undefined {
  if (!signal.aborted) return undefined;
  return signal.reason instanceof TerminationRequested ? "terminated" : "interrupted";
}

/** Counts and times an ended operation in the engine's metrics. */
function recordMetrics(ctx: EngineContext, final: OperationRecord, signal: AbortSignal, startedAt: number): void {
  const ended = final.phase;
  if (ended !== "Succeeded" && ended !== "Failed" && ended !== "Error") return;
  ctx.metrics.operationFinished({ kind: final.kind, phase: operationPhaseLabel(ended, stopOf(signal)), seconds: secondsSince(startedAt, performance.now()) });
}

/** Operations the engine started itself: a closed sync window holds them back. */
function isAutomated(operation: Pick<OperationRecord, "kind">): boolean {
  return operation.kind === "auto-sync" || operation.kind === "self-heal";
}

/** A real sync of every resource that succeeded: Git's version is live again. */
function isFullSuccessfulSync(operation: OperationRecord, phase: OperationPhase): boolean {
  return operation.kind !== "rollback" && !operation.dryRun && phase === "Succeeded" && (operation.request.resources ?? []).length === 0;
}

/** What the operation will apply: Git's render for a sync, the target entry's manifests for a rollback. */
async function comparisonFor(ctx: EngineContext, comparer: Comparer, app: AppRecord, operation: OperationRecord): Promise<AppComparison> {
  if (operation.kind !== "rollback" || !operation.rollbackOf) return comparer.compareAndStore(app.name, "operation");
  const { op: target, manifests } = await loadRollbackTarget(ctx, app, operation.rollbackOf);
  const comparison = await compareManifests(ctx, app, target, manifests);
  await ctx.db.apps.markRolledBack(app.id, target.revision);
  return comparison;
}

/** The cluster writes of an operation, through the destination's watch cache client. */
function writerFor(ctx: EngineContext, app: AppRecord): { writer: ObjectWriter; onApplied: (desired: AppComparison["desired"][number], applied: AppComparison["desired"][number]) => void; onPruned: (obj: AppComparison["desired"][number]) => void } {
  const cache = ctx.clusters.cache(app.destCluster);
  return {
    writer: {
      apply: (obj, options) => cache.client.applyObject(obj, options),
      replace: (obj, options) => cache.client.replaceObject(obj, options),
      delete: (obj, options) => cache.client.deleteObject(obj, options),
      get: (obj, options) => cache.client.getObject(obj, options),
    },
    onApplied: (desired, applied) => {
      cache.record([applied]);
      ctx.dryRuns.remember(ctx.dryRuns.keyOf(app.destCluster, desired, applied), "synced");
    },
    onPruned: (obj) => cache.drop([obj]),
  };
}

/**
 * Runs one claimed operation to its end and records it. Never throws: a failure of its own
 * ends the operation `Error` with the reason.
 */
export async function runOperation(ctx: EngineContext, comparer: Comparer, operation: OperationRecord, appName: string, controller: AbortController): Promise<OperationRecord> {
  const { db, events } = ctx;
  const startedAt = performance.now();
  const progress = new OperationProgress(ctx, operation, appName, (who) => controller.abort(new TerminationRequested(who)));
  events.publish({ type: "operation", app: appName, detail: { id: operation.id, phase: "Running" } });
  let app: AppRecord | undefined;
  let final: OperationRecord;
  try {
    app = await db.apps.getApp(appName);
    let rules = await loadRules(ctx, app);
    const closed = isAutomated(operation) ? windowVerdict(ctx, rules, app, false) : undefined;
    if (closed && !closed.open) {
      final = await db.operations.finishOperation(operation.id, { phase: "Failed", message: `Not synced: ${closed.reason ?? "a sync window is closed."}`, results: [] });
      events.publish({ type: "operation", app: appName, detail: { id: final.id, phase: final.phase } });
      recordMetrics(ctx, final, controller.signal, startedAt);
      return final;
    }
    const comparison = await comparisonFor(ctx, comparer, app, operation);
    const plan: SyncPlan = planSync(comparison, {
      dryRun: operation.dryRun,
      prune: operation.prune,
      resources: operation.request.resources ?? [],
      createNamespace: app.createNamespace ? app.destNamespace : undefined,
      hookSuffix: hookSuffixOf(comparison, operation),
    });
    progress.total = changeCount(plan);
    await db.queue.recordPlanFacts(operation.id, {
      revision: comparison.revision?.sha,
      revisionSubject: comparison.revision?.subject,
      revisionAuthor: comparison.revision?.author,
      revisionCommittedAt: comparison.revision?.committedAt ? new Date(comparison.revision.committedAt) : undefined,
      resourceCount: progress.total,
    });
    if (plan.blockedBy) {
      final = await db.operations.finishOperation(operation.id, { phase: "Error", message: plan.blockedBy, results: [] });
    } else if (plan.refused.length > 0) {
      final = await db.operations.finishOperation(operation.id, refusedOutcome(plan));
    } else {
      const current = app;
      const changeSet = await executePlan(plan, {
        ...writerFor(ctx, app),
        sink: progress,
        signal: controller.signal,
        concurrency: ctx.settings.applyConcurrency,
        waits: { timeoutMs: ctx.settings.syncTimeoutMs, pollMs: ctx.settings.healthPollMs, now: () => ctx.clock.now() },
        beforeStep: async () => {
          if (!ctx.owns(current.name)) controller.abort(new Error(`stopped: this replica (${ctx.settings.holder}) no longer holds the shard of application "${current.name}"`));
          rules = await loadRules(ctx, current);
        },
        check: (obj) => rules.check(obj),
      });
      progress.settle();
      const outcome = outcomeOf(changeSet, operation);
      const healthAfter = (await beforeRecording(ctx, comparer, app, operation, outcome, comparison)) ?? rollbackHealth(ctx, app, operation, comparison);
      final = await db.operations.finishOperation(operation.id, { ...outcome, results: changeSet.results, manifests: operation.dryRun ? undefined : comparison.desired, healthAfter });
    }
  } catch (error) {
    const message = controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason.message : describeKubeError(error).message;
    final = await db.operations.finishOperation(operation.id, { phase: "Error", message, results: progress.results });
  }
  events.publish({ type: "operation", app: appName, detail: { id: final.id, phase: final.phase } });
  recordMetrics(ctx, final, controller.signal, startedAt);
  if (app) await afterOperation(ctx, comparer, app, final);
  return final;
}

/**
 * What must be true once the operation reads as ended (so `waitFor` callers see it): a sync's
 * render compared with the cluster again and stored as the app's status (from the cache, no
 * Git read), and a full successful sync ending a rollback. Answers the app's health then, kept
 * on the history row for delivery metrics (lib/insights).
 */
async function beforeRecording(ctx: EngineContext, comparer: Comparer, app: AppRecord, operation: OperationRecord, outcome: OperationOutcome, comparison: AppComparison): Promise<HealthStatus | undefined> {
  const report = (what: string) => (error: unknown) => ctx.log.error(`${what} of ${app.name} failed: ${messageOf(error)}`);
  if (operation.dryRun || operation.kind === "rollback") return undefined;
  if (app.rolledBackTo && isFullSuccessfulSync(operation, outcome.phase)) await ctx.db.apps.clearRollback(app.id, { resumeAutomation: false }).catch(report("ending the rollback"));
  const after = await comparer.compareAndStore(app.name, "operation", {}, comparison).catch(report("comparing after the sync"));
  return after ? after.healthStatus : undefined;
}

/**
 * A rollback's health once applied: the worst health of the objects it re-applied, from the
 * watch cache (a comparison with Git would mix in what Git holds now). Undefined for a dry run.
 */
function rollbackHealth(ctx: EngineContext, app: AppRecord, operation: OperationRecord, comparison: AppComparison): HealthStatus | undefined {
  if (operation.kind !== "rollback" || operation.dryRun) return undefined;
  const cache = ctx.clusters.cache(app.destCluster);
  return aggregateHealth(comparison.desired.map((obj) => liveHealth(cache, cache.get(obj)).status));
}

/** History trimmed; after a rollback, the app compared with Git again (in the background: Git may be down). */
async function afterOperation(ctx: EngineContext, comparer: Comparer, app: AppRecord, final: OperationRecord): Promise<void> {
  const report = (what: string) => (error: unknown) => ctx.log.error(`${what} of ${app.name} failed: ${messageOf(error)}`);
  await ctx.db.operations.pruneHistory(app.id, historyLimitFor(app, ctx.settings.historyLimit)).catch(report("pruning the history"));
  if (final.kind === "rollback" && !final.dryRun) void comparer.compareAndStore(app.name, "read").catch(report("comparing after the rollback"));
}
