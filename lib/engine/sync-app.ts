import type { AppRecord } from "@/lib/db/apps";
import { finishOperation, pruneHistory, startOperation, type OperationRecord, type ResourceResult } from "@/lib/db/operations";
import { redactSecretValues } from "@/lib/diff";
import { clusterCacheFor, type ClusterCache } from "@/lib/cache";
import { describeKubeError } from "@/lib/kube/errors";
import { syncSteps } from "@/lib/sync/order";
import { withApiRetry } from "@/lib/sync/retry";
import { keyOf, subjectOf, type KubeObject, type OperationKind, type ResourceAction } from "@/lib/types";
import type { AppComparison } from "./compare-app";
import { mapLimit } from "./concurrency";
import { dryRunKey } from "./dry-run-cache";
import { rememberDryRun } from "./dry-run-cache-default";
import { historyLimitFor } from "./history-limit";
import { OperationProgress } from "./operation-progress";

/** What the user asked of a sync. */
export interface SyncOptions {
  /** Show what would change without changing anything. @default false */
  dryRun?: boolean;
  /** Delete the app's objects that left Git. @default the app's prune policy */
  prune?: boolean;
  /** Subjects (`Deployment/ns/name`) to sync; all when empty or absent (selective sync). */
  resources?: string[];
  /** Who asked: a user name, or `automated`. */
  initiator: string;
  /** @default "sync" */
  kind?: OperationKind;
}

/** What only the engine passes to a sync: a rollback's source entry and a start hook. */
export interface SyncRunOptions extends SyncOptions {
  /** For a rollback: the history entry whose manifests are re-applied. */
  rollbackOf?: string;
  /** Runs once the app's lock is held and the `Running` row written, before the first apply. */
  onStarted?: (operation: OperationRecord) => Promise<void>;
}

function result(obj: KubeObject, action: ResourceAction, message?: string): ResourceResult {
  const key = keyOf(obj);
  return { subject: subjectOf(key), ...key, action, ...(message ? { message } : {}) };
}

function namespaceObject(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
}

const isNamespaced = (o: KubeObject) => o.metadata.namespace !== undefined;

/** How many applies (or deletions) of one step run at once against one API server. */
const APPLY_CONCURRENCY = 8;

/** One object to apply, and whether the comparison found it synced already. */
interface PlannedApply {
  obj: KubeObject;
  unchanged: boolean;
}

/**
 * What a sync will touch: the objects to apply and the live objects to prune, each in steps
 * (see `syncSteps`) — the steps run one after the other, the objects of a step at once.
 */
interface SyncPlan {
  apply: PlannedApply[][];
  prune: KubeObject[][];
}

function planSync(comparison: AppComparison, isSelected: (subject: string) => boolean): SyncPlan {
  const status = new Map(comparison.resources.map((r) => [r.subject, r.status]));
  const selected = comparison.desired.filter((obj) => isSelected(subjectOf(keyOf(obj))));
  const apply = syncSteps(selected, { isNamespaced }).map((step) =>
    step.map((obj) => ({ obj, unchanged: status.get(subjectOf(keyOf(obj))) === "Synced" })),
  );
  const prunable = comparison.resources
    .filter((r) => r.state === "prunable" && isSelected(r.subject))
    .map((r) => comparison.live.get(r.subject))
    .filter((o): o is KubeObject => o !== undefined);
  return { apply, prune: syncSteps(prunable, { isNamespaced }).reverse() };
}

/** A failure message that starts with the subject and never carries a Secret's value. */
function failureMessage(obj: KubeObject, error: unknown): string {
  return redactSecretValues(`${subjectOf(keyOf(obj))}: ${describeKubeError(error).message}`, [obj]);
}

/** Retries a call on retryable API failures, writing each retry to the operation's log. */
function retrying<T>(obj: KubeObject, progress: OperationProgress, call: () => Promise<T>): Promise<T> {
  return withApiRetry(call, {
    onRetry: (n) => progress.log(redactSecretValues(`${subjectOf(keyOf(obj))}: ${n.reason}; retry ${n.retry} of ${n.retries} in ${n.delayMs} ms.`, [obj])),
  });
}

/**
 * Runs one sync of an app from a comparison: applies (server-side, field manager `lockstep`)
 * the objects that drifted or are missing, in a safe order — step by step (phase, wave, kind),
 * the objects of a step at once — and prunes when asked, in the reverse order. The history
 * row is written as `Running` first and completed at the end, whatever happens; progress is
 * stored and published as it comes (at most every 250 ms), retryable API failures are retried
 * with backoff (each retry in the operation's log), and a termination request stops the run
 * from starting on any further resource. Old history beyond the app's limit is pruned afterwards.
 */
export async function syncFromComparison(app: AppRecord, comparison: AppComparison, options: SyncRunOptions): Promise<OperationRecord> {
  const prune = options.prune ?? app.prune;
  const dryRun = options.dryRun ?? false;
  const kind = options.kind ?? "sync";
  const selected = new Set(options.resources ?? []);
  const plan = planSync(comparison, (subject) => selected.size === 0 || selected.has(subject));
  const operation = await startOperation(
    {
      appId: app.id,
      kind,
      initiator: options.initiator,
      dryRun,
      prune,
      revision: comparison.revision?.sha,
      revisionSubject: comparison.revision?.subject,
      revisionAuthor: comparison.revision?.author,
      resourceCount: plan.apply.flat().filter((a) => !a.unchanged).length + plan.prune.flat().length,
      rollbackOf: options.rollbackOf,
      requireAutomated: kind === "auto-sync" || kind === "self-heal",
    },
    app.name,
  );
  const progress = new OperationProgress(operation, app.name);
  try {
    await options.onStarted?.(operation);
    const comparisonError = comparison.conditions.find((c) => c.type === "ComparisonError");
    if (comparisonError && comparison.desired.length === 0) {
      return await finishOperation(operation.id, { phase: "Error", message: comparisonError.message, results: progress.results });
    }
    const cache = clusterCacheFor(app.destCluster);
    if (app.createNamespace && !dryRun) {
      const namespace = namespaceObject(app.destNamespace);
      cache.record([await retrying(namespace, progress, () => cache.client.applyObject(namespace))]);
    }
    const run = { app, comparison, cache, progress, dryRun, prune, stopped: false };
    for (const step of plan.apply) await applyStep(run, step);
    for (const step of plan.prune) await pruneStep(run, step);
    const stopped = run.stopped;
    progress.settle();
    return await finishOperation(operation.id, { ...outcomeOf(progress, { dryRun, kind, stopped }), manifests: dryRun ? undefined : comparison.desired });
  } catch (error) {
    return finishOperation(operation.id, { phase: "Error", message: describeKubeError(error).message, results: progress.results });
  } finally {
    await pruneHistory(app.id, historyLimitFor(app)).catch((error) => console.error(`pruning the history of ${app.name} failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/** What the steps of one sync share. */
interface SyncRun {
  app: AppRecord;
  comparison: AppComparison;
  cache: ClusterCache;
  progress: OperationProgress;
  dryRun: boolean;
  prune: boolean;
  /** Set once a termination request left resources untouched. */
  stopped: boolean;
}

/** Whether the run may start on another resource; notes that it stopped when it may not. */
function mayContinue(run: SyncRun): boolean {
  if (!run.progress.keepGoing) run.stopped = true;
  return !run.stopped;
}

/**
 * Applies one step's objects at once (server-side, field manager `lockstep`). What the API
 * answered goes straight into the watch cache and, as a synced verdict, into the dry-run
 * cache: the comparison after the sync then needs no round trip for what Lockstep just wrote.
 */
async function applyStep(run: SyncRun, step: PlannedApply[]): Promise<void> {
  const { cache, comparison, progress, dryRun } = run;
  await mapLimit(step, APPLY_CONCURRENCY, async ({ obj, unchanged }) => {
    if (!mayContinue(run)) return;
    if (unchanged) return progress.note(result(obj, "unchanged"));
    let outcome: ResourceResult;
    try {
      const applied = await retrying(obj, progress, () => cache.client.applyObject(obj, { dryRun }));
      if (!dryRun) {
        cache.record([applied]);
        rememberDryRun(dryRunKey(run.app.destCluster, obj, applied), "synced");
      }
      outcome = result(obj, comparison.live.has(subjectOf(keyOf(obj))) ? "configured" : "created", dryRun ? "dry run" : undefined);
    } catch (error) {
      outcome = result(obj, "failed", failureMessage(obj, error));
    }
    await progress.record(outcome);
  });
}

/** Deletes one step's objects at once, or notes them skipped when pruning is off. */
async function pruneStep(run: SyncRun, step: KubeObject[]): Promise<void> {
  const { cache, progress, dryRun } = run;
  await mapLimit(step, APPLY_CONCURRENCY, async (obj) => {
    if (!mayContinue(run)) return;
    if (!run.prune) return progress.note(result(obj, "skipped", "requires pruning; prune is off"));
    let outcome: ResourceResult;
    try {
      if (!dryRun) {
        await retrying(obj, progress, () => cache.client.deleteObject(obj));
        cache.drop([obj]);
      }
      outcome = result(obj, "pruned", dryRun ? "dry run" : undefined);
    } catch (error) {
      outcome = result(obj, "failed", failureMessage(obj, error));
    }
    await progress.record(outcome);
  });
}

function outcomeOf(
  progress: OperationProgress,
  run: { dryRun: boolean; kind: OperationKind; stopped: boolean },
): { phase: "Succeeded" | "Failed"; message: string; results: ResourceResult[] } {
  const results = progress.results;
  if (run.stopped && progress.terminatedBy) return { phase: "Failed", message: `terminated by ${progress.terminatedBy}`, results };
  const failed = results.filter((r) => r.action === "failed").length;
  if (failed > 0) return { phase: "Failed", message: `${failed} resource(s) failed to sync.`, results };
  if (run.dryRun) return { phase: "Succeeded", message: "Dry run: nothing was changed.", results };
  return { phase: "Succeeded", message: run.kind === "rollback" ? "Successfully rolled back." : "Successfully synced.", results };
}
