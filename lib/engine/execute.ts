/**
 * Executing a sync plan: phase after phase, wave after wave, step after step, the objects of a
 * step at once, each write retried on retryable API failures. A wave's hooks must finish, and
 * — when anything runs after it — its resources must be healthy, before the next wave starts
 * (as Argo CD waits); a hook that fails, or a wait past the operation's deadline, fails the
 * sync, which then runs its SyncFail hooks. One `AbortSignal` runs through it all: when the
 * operation is terminated, nothing further starts and in-flight requests are given up; when
 * an object of a step fails, the rest of that step is given up and no later step runs.
 */
import type { ResourceResult } from "@/lib/db/operations";
import { redactSecretValues } from "@/lib/diff";
import { describeKubeError } from "@/lib/kube/errors";
import { sleep } from "@/lib/retry";
import { withApiRetry } from "@/lib/sync/retry";
import { keyOf, subjectOf, type HookPhase, type KubeObject, type ResourceAction, type ResourceRefusal } from "@/lib/types";
import { mapLimit } from "./concurrency";
import { settleWave, type WaveWatch } from "./wave-health";
import type { PlannedApply, PlannedWave, SyncPlan } from "./plan";

/** Writes to a cluster, and reads back what was written: what execution needs of an API client. */
export interface ObjectWriter {
  /** Server-side apply; answers the object the server produced. `validate: false` lets the server drop unknown fields. */
  apply(obj: KubeObject, options: { dryRun: boolean; signal: AbortSignal; validate: boolean }): Promise<KubeObject>;
  /** Replaces the object (creates it when missing), for `Replace=true`. */
  replace(obj: KubeObject, options: { dryRun: boolean; signal: AbortSignal; validate: boolean }): Promise<KubeObject>;
  /** Deletes an object; a missing one counts as deleted. */
  delete(obj: KubeObject, options: { signal: AbortSignal }): Promise<void>;
  /** The live object, or undefined when it does not exist. */
  get(obj: KubeObject, options: { signal: AbortSignal }): Promise<KubeObject | undefined>;
}

/** Where execution reports results as they come. */
export interface ResultSink {
  /** A result that needed no work (no round trip). */
  note(result: ResourceResult): void;
  /** A result of real work (may store progress). */
  record(result: ResourceResult): Promise<void>;
  /** A result recorded before that changed (a hook finished): replaces it, by subject and hook phase. */
  update(result: ResourceResult): Promise<void>;
  /** The phase the sync entered. */
  phase(phase: HookPhase): Promise<void>;
  /** A line for the operation's log (a retry, a wait). */
  log(message: string): Promise<void>;
}

/** How long and how often execution waits for health between waves. */
export interface WaitSettings {
  /** The operation's deadline for all its waits together, in milliseconds from its start. */
  timeoutMs: number;
  /** Time between two reads of the objects waited for. */
  pollMs: number;
  /** The clock. */
  now: () => number;
}

/** Options of {@link executePlan}. */
export interface ExecuteOptions {
  writer: ObjectWriter;
  sink: ResultSink;
  /** The operation's signal: aborting it terminates the execution. */
  signal: AbortSignal;
  /** Objects of one step written at once. */
  concurrency: number;
  /** Waiting for hooks and health between waves. */
  waits: WaitSettings;
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
  | { state: "failed"; subject: string; reason?: string };

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

/** One object's result, as stored in the operation. */
export function resultOf(obj: KubeObject, action: ResourceAction, message?: string, hook?: ResourceResult["hook"]): ResourceResult {
  const key = keyOf(obj);
  return { subject: subjectOf(key), ...key, action, ...(message ? { message } : {}), ...(hook ? { hook } : {}) };
}

/** A failure message that starts with the subject and never carries a Secret's value. */
export function failureMessage(obj: KubeObject, error: unknown): string {
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
export function retrying<T>(obj: KubeObject, options: Pick<ExecuteOptions, "sink">, signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  return withApiRetry(call, {
    signal,
    onRetry: (n) => options.sink.log(redactSecretValues(`${subjectOf(keyOf(obj))}: ${n.reason}; retry ${n.retry} of ${n.retries} in ${n.delayMs} ms.`, [obj])),
  });
}

/**
 * Runs one step: every object at once (up to the concurrency), under a signal of its own that
 * the operation's signal and a failure of any object of the step both abort.
 */
async function runStep<T>(items: readonly T[], options: ExecuteOptions, work: (item: T, signal: AbortSignal) => Promise<ResourceResult | undefined>, describe: (item: T) => { obj: KubeObject; hook?: { phase: HookPhase } }): Promise<string | undefined> {
  const step = new AbortController();
  const signal = AbortSignal.any([options.signal, step.signal]);
  let failed: string | undefined;
  await mapLimit(items, options.concurrency, async (item) => {
    if (signal.aborted) return;
    let outcome: ResourceResult | undefined;
    const { obj, hook } = describe(item);
    try {
      outcome = await work(item, signal);
    } catch (error) {
      const progress = hook ? { phase: hook.phase, state: "Failed" as const } : undefined;
      if (signal.aborted) {
        outcome = resultOf(obj, "failed", `${subjectOf(keyOf(obj))}: ${abortReason(signal)} before the API server answered.`, progress);
      } else {
        outcome = error instanceof RefusedWrite ? resultOf(obj, "refused", error.refusal.message, progress) : resultOf(obj, "failed", failureMessage(obj, error), progress);
        failed ??= outcome.subject;
        step.abort(new StepFailure(outcome.subject));
      }
    }
    if (outcome) await options.sink.record(outcome);
  });
  return failed;
}

/** Deletes a hook left by an earlier sync and waits until it is gone (BeforeHookCreation). */
async function deleteEarlierHook(obj: KubeObject, options: ExecuteOptions, signal: AbortSignal): Promise<void> {
  await retrying(obj, options, signal, () => options.writer.delete(obj, { signal }));
  while (await options.writer.get(obj, { signal })) await sleep(options.waits.pollMs, signal);
}

async function applyOne(planned: PlannedApply, plan: SyncPlan, options: ExecuteOptions, signal: AbortSignal): Promise<ResourceResult | undefined> {
  const { obj, unchanged, exists, hook } = planned;
  if (unchanged) {
    options.sink.note(resultOf(obj, "unchanged"));
    return undefined;
  }
  checkBeforeWrite(obj, options);
  if (hook?.deletePolicies.includes("BeforeHookCreation")) await deleteEarlierHook(obj, options, signal);
  const write = { dryRun: plan.dryRun, signal, validate: !planned.options.skipValidation };
  const applied = await retrying(obj, options, signal, () => (planned.options.replace ? options.writer.replace(obj, write) : options.writer.apply(obj, write)));
  if (!plan.dryRun) options.onApplied?.(obj, applied);
  const how = [plan.dryRun ? "dry run" : "", planned.options.replace ? "replaced" : ""].filter(Boolean).join(", ");
  return resultOf(obj, hook || !exists ? "created" : "configured", how || undefined, hook ? { phase: hook.phase, state: "Running" } : undefined);
}

async function pruneOne(obj: KubeObject, plan: SyncPlan, options: ExecuteOptions, signal: AbortSignal): Promise<ResourceResult | undefined> {
  if (!plan.prunes) {
    options.sink.note(resultOf(obj, "skipped", "requires pruning; prune is off"));
    return undefined;
  }
  checkBeforeWrite(obj, options);
  if (!plan.dryRun) {
    await retrying(obj, options, signal, () => options.writer.delete(obj, { signal }));
    options.onPruned?.(obj);
  }
  return resultOf(obj, "pruned", plan.dryRun ? "dry run" : undefined);
}

/** True when two results are of one resource in one phase: the later one replaces the earlier (a hook that finished). */
export function isSameResult(a: ResourceResult, b: ResourceResult): boolean {
  return a.subject === b.subject && a.hook?.phase === b.hook?.phase;
}

/** The results of one execution, kept as they are reported (a hook's result replaced when it finishes). */
function collecting(results: ResourceResult[], sink: ResultSink): ResultSink {
  return {
    note: (r) => {
      results.push(r);
      sink.note(r);
    },
    record: async (r) => {
      results.push(r);
      await sink.record(r);
    },
    update: async (r) => {
      const at = results.findIndex((earlier) => isSameResult(earlier, r));
      if (at >= 0) results[at] = r;
      await sink.update(r);
    },
    phase: (phase) => sink.phase(phase),
    log: (message) => sink.log(message),
  };
}

/** Runs the steps of one wave, then waits for its hooks (and, when `waitForHealth`, its resources). */
async function runWave(wave: PlannedWave, plan: SyncPlan, run: ExecuteOptions, watch: WaveWatch, waitForHealth: boolean): Promise<ExecutionEnd | undefined> {
  const started: PlannedApply[] = [];
  for (const step of wave.steps) {
    if (run.signal.aborted) return { state: "terminated", reason: abortReason(run.signal) };
    await run.beforeStep?.();
    const failed = await runStep(step, run, async (planned, signal) => {
      const outcome = await applyOne(planned, plan, run, signal);
      started.push(planned);
      return outcome;
    }, (planned) => planned);
    if (failed) return { state: "failed", subject: failed };
  }
  if (plan.dryRun) return undefined;
  return settleWave(wave, started, watch, { ...run, waitForHealth });
}

async function runPrunes(plan: SyncPlan, run: ExecuteOptions): Promise<ExecutionEnd | undefined> {
  for (const step of [...plan.prune, ...plan.pruneLast]) {
    if (run.signal.aborted) return { state: "terminated", reason: abortReason(run.signal) };
    await run.beforeStep?.();
    const failed = await runStep(step, run, (obj, signal) => pruneOne(obj, plan, run, signal), (obj) => ({ obj }));
    if (failed) return { state: "failed", subject: failed };
  }
  return undefined;
}

/** Runs the SyncFail hooks of a failed sync; their own failure is logged, the sync stays failed. */
async function runSyncFail(plan: SyncPlan, run: ExecuteOptions, watch: WaveWatch): Promise<void> {
  if (plan.syncFail.length === 0 || run.signal.aborted) return;
  await run.sink.phase("SyncFail");
  for (const wave of plan.syncFail) {
    const end = await runWave(wave, plan, run, watch, false);
    if (end) {
      await run.sink.log(`SyncFail hooks stopped: ${end.state === "failed" ? (end.reason ?? `${end.subject} failed`) : end.state}.`);
      return;
    }
  }
}

/**
 * Executes a plan: the Namespaces first, then each wave of PreSync, Sync (pruning at its end)
 * and PostSync; SyncFail hooks when one of them failed. Stops at the first failed step or
 * hook, at the deadline, or once the operation's signal aborts.
 */
export async function executePlan(plan: SyncPlan, options: ExecuteOptions): Promise<ChangeSet> {
  const results: ResourceResult[] = [];
  const run: ExecuteOptions = { ...options, sink: collecting(results, options.sink) };
  const watch: WaveWatch = { deadline: options.waits.now() + options.waits.timeoutMs };
  for (const namespace of plan.namespaces) {
    const applied = await retrying(namespace, run, options.signal, () => options.writer.apply(namespace, { dryRun: false, signal: options.signal, validate: true }));
    options.onApplied?.(namespace, applied);
  }
  for (const hook of plan.skippedHooks) run.sink.note(resultOf(hook, "skipped", "hook: hooks run only in a full sync, not in a dry run or a selective sync"));
  for (const obj of plan.keep) run.sink.note(resultOf(obj, "skipped", "requires pruning; Prune=false"));
  let end: ExecutionEnd | undefined;
  let pruned = false;
  let phase: HookPhase | undefined;
  for (const [index, wave] of plan.waves.entries()) {
    if (wave.phase === "PostSync" && !pruned) {
      pruned = true;
      end = await runPrunes(plan, run);
      if (end) break;
    }
    if (wave.phase !== phase) await run.sink.phase((phase = wave.phase));
    end = await runWave(wave, plan, run, watch, index < plan.waves.length - 1);
    if (end) break;
  }
  if (!end && !pruned) end = await runPrunes(plan, run);
  if (!end && options.signal.aborted) end = { state: "terminated", reason: abortReason(options.signal) };
  if (end?.state === "failed") await runSyncFail(plan, run, watch);
  return { results, end: end ?? { state: "completed" } };
}
