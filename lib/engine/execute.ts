/**
 * Executing a sync plan: step after step, the objects of a step at once, each apply or
 * deletion retried on retryable API failures. One `AbortSignal` runs through it all: when the
 * operation is terminated, in-flight requests are aborted and nothing further starts; when an
 * object of a step fails, the rest of that step is aborted and no later step runs (as Argo CD
 * stops at a failed wave).
 */
import type { ResourceResult } from "@/lib/db/operations";
import { redactSecretValues } from "@/lib/diff";
import { describeKubeError } from "@/lib/kube/errors";
import { withApiRetry } from "@/lib/sync/retry";
import { keyOf, subjectOf, type KubeObject, type ResourceAction, type ResourceRefusal } from "@/lib/types";
import { mapLimit } from "./concurrency";
import type { PlannedApply, SyncPlan } from "./plan";

/** Writes to a cluster: what execution needs of an API client. */
export interface ObjectWriter {
  /** Server-side apply; answers the object the server produced. */
  apply(obj: KubeObject, options: { dryRun: boolean; signal: AbortSignal }): Promise<KubeObject>;
  /** Deletes an object; a missing one counts as deleted. */
  delete(obj: KubeObject, options: { signal: AbortSignal }): Promise<void>;
}

/** Where execution reports results as they come. */
export interface ResultSink {
  /** A result that needed no work (no round trip). */
  note(result: ResourceResult): void;
  /** A result of real work (may store progress). */
  record(result: ResourceResult): Promise<void>;
  /** A line for the operation's log (a retry). */
  log(message: string): Promise<void>;
}

/** Options of {@link executePlan}. */
export interface ExecuteOptions {
  writer: ObjectWriter;
  sink: ResultSink;
  /** The operation's signal: aborting it terminates the execution. */
  signal: AbortSignal;
  /** Objects of one step written at once. */
  concurrency: number;
  /** Told of every object written (not in a dry run): the engine feeds its caches. */
  onApplied?: (desired: KubeObject, applied: KubeObject) => void;
  /** Told of every object deleted (not in a dry run). */
  onPruned?: (obj: KubeObject) => void;
  /** Checks an object against the rules as they are now, right before writing it; a refusal fails its step. */
  check?: (obj: KubeObject) => ResourceRefusal | undefined;
  /** Runs before each step (the engine reads the project again, for `check`). */
  beforeStep?: () => Promise<void>;
}

/** How an execution ended. */
export type ExecutionEnd =
  | { state: "completed" }
  | { state: "terminated"; reason: string }
  | { state: "failed"; subject: string };

/** What an execution did: its results and how it ended. */
export interface ChangeSet {
  results: ResourceResult[];
  end: ExecutionEnd;
}

/** Why a step's remaining work stops: one of its objects failed. */
class StepFailure extends Error {
  constructor(readonly subject: string) {
    super(`${subject} failed`);
  }
}

/** A write refused right before it was made: the rules changed since planning. */
class RefusedWrite extends Error {
  constructor(readonly refusal: ResourceRefusal) {
    super(refusal.message);
  }
}

/** Refuses the write of `obj` when the rules as they are now refuse it. */
function checkBeforeWrite(obj: KubeObject, options: ExecuteOptions): void {
  const refusal = options.check?.(obj);
  if (refusal) throw new RefusedWrite(refusal);
}

function result(obj: KubeObject, action: ResourceAction, message?: string): ResourceResult {
  const key = keyOf(obj);
  return { subject: subjectOf(key), ...key, action, ...(message ? { message } : {}) };
}

/** A failure message that starts with the subject and never carries a Secret's value. */
function failureMessage(obj: KubeObject, error: unknown): string {
  return redactSecretValues(`${subjectOf(keyOf(obj))}: ${describeKubeError(error).message}`, [obj]);
}

/** Why a signal was aborted, in words. */
function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof StepFailure) return `stopped: ${reason.subject} failed`;
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : "aborted";
}

/** Runs one write with retries; none is started or retried once `signal` aborted. */
function retrying<T>(obj: KubeObject, options: ExecuteOptions, signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  return withApiRetry(call, {
    signal,
    onRetry: (n) => options.sink.log(redactSecretValues(`${subjectOf(keyOf(obj))}: ${n.reason}; retry ${n.retry} of ${n.retries} in ${n.delayMs} ms.`, [obj])),
  });
}

/**
 * Runs one step: every object at once (up to the concurrency), under a signal of its own that
 * the operation's signal and a failure of any object of the step both abort.
 */
async function runStep<T>(items: readonly T[], options: ExecuteOptions, work: (item: T, signal: AbortSignal) => Promise<ResourceResult | undefined>, subjectOfItem: (item: T) => KubeObject): Promise<string | undefined> {
  const step = new AbortController();
  const signal = AbortSignal.any([options.signal, step.signal]);
  let failed: string | undefined;
  await mapLimit(items, options.concurrency, async (item) => {
    if (signal.aborted) return;
    let outcome: ResourceResult | undefined;
    try {
      outcome = await work(item, signal);
    } catch (error) {
      const obj = subjectOfItem(item);
      if (signal.aborted) {
        outcome = result(obj, "failed", `${subjectOf(keyOf(obj))}: ${abortReason(signal)} before the API server answered.`);
      } else {
        outcome = error instanceof RefusedWrite ? result(obj, "refused", error.refusal.message) : result(obj, "failed", failureMessage(obj, error));
        failed ??= outcome.subject;
        step.abort(new StepFailure(outcome.subject));
      }
    }
    if (outcome) await options.sink.record(outcome);
  });
  return failed;
}

async function applyOne(planned: PlannedApply, plan: SyncPlan, options: ExecuteOptions, signal: AbortSignal): Promise<ResourceResult | undefined> {
  const { obj, unchanged, exists } = planned;
  if (unchanged) {
    options.sink.note(result(obj, "unchanged"));
    return undefined;
  }
  checkBeforeWrite(obj, options);
  const applied = await retrying(obj, options, signal, () => options.writer.apply(obj, { dryRun: plan.dryRun, signal }));
  if (!plan.dryRun) options.onApplied?.(obj, applied);
  return result(obj, exists ? "configured" : "created", plan.dryRun ? "dry run" : undefined);
}

async function pruneOne(obj: KubeObject, plan: SyncPlan, options: ExecuteOptions, signal: AbortSignal): Promise<ResourceResult | undefined> {
  if (!plan.prunes) {
    options.sink.note(result(obj, "skipped", "requires pruning; prune is off"));
    return undefined;
  }
  checkBeforeWrite(obj, options);
  if (!plan.dryRun) {
    await retrying(obj, options, signal, () => options.writer.delete(obj, { signal }));
    options.onPruned?.(obj);
  }
  return result(obj, "pruned", plan.dryRun ? "dry run" : undefined);
}

/**
 * Executes a plan: the Namespace first when asked, then each apply step, then each prune
 * step. Stops at the first failed step or once the operation's signal aborts.
 */
export async function executePlan(plan: SyncPlan, options: ExecuteOptions): Promise<ChangeSet> {
  const results: ResourceResult[] = [];
  const sink: ResultSink = {
    note: (r) => {
      results.push(r);
      options.sink.note(r);
    },
    record: async (r) => {
      results.push(r);
      await options.sink.record(r);
    },
    log: (message) => options.sink.log(message),
  };
  const run = { ...options, sink };
  const ended = (): ExecutionEnd | undefined => (options.signal.aborted ? { state: "terminated", reason: abortReason(options.signal) } : undefined);
  if (plan.namespace) {
    const namespace = plan.namespace;
    const applied = await retrying(namespace, run, options.signal, () => options.writer.apply(namespace, { dryRun: false, signal: options.signal }));
    options.onApplied?.(namespace, applied);
  }
  for (const step of plan.apply) {
    const stop = ended();
    if (stop) return { results, end: stop };
    await options.beforeStep?.();
    const failed = await runStep(step, run, (planned, signal) => applyOne(planned, plan, run, signal), (planned) => planned.obj);
    if (failed) return { results, end: { state: "failed", subject: failed } };
  }
  for (const step of plan.prune) {
    const stop = ended();
    if (stop) return { results, end: stop };
    await options.beforeStep?.();
    const failed = await runStep(step, run, (obj, signal) => pruneOne(obj, plan, run, signal), (obj) => obj);
    if (failed) return { results, end: { state: "failed", subject: failed } };
  }
  return { results, end: ended() ?? { state: "completed" } };
}
