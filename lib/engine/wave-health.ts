/**
 * Settling a wave before the next one starts, as Argo CD does: each hook of the wave runs to
 * its end — Healthy (a Job complete, a Pod succeeded, or a kind without a health check) counts
 * as Succeeded, Degraded as Failed — and is deleted when its delete policy says so; when
 * anything runs after the wave, its resources must also turn Healthy. Objects are read from
 * the API server every poll, until the operation's deadline.
 */
import { assessHealth, missingHealth, type HealthAssessment } from "@/lib/health";
import { sleep } from "@/lib/retry";
import { keyOf, subjectOf, type HookState } from "@/lib/types";
import { resultOf, retrying, type ExecuteOptions, type ExecutionEnd } from "./execute";
import type { PlannedApply, PlannedWave } from "./plan";

/** What the waits of one execution share: its deadline, as a time of the clock. */
export interface WaveWatch {
  deadline: number;
}

/** The state a hook's health means: Succeeded when Healthy, Failed when Degraded, else still running. */
export function hookStateOf(health: HealthAssessment): Exclude<HookState, "Running"> | undefined {
  if (health.status === "Healthy") return "Succeeded";
  if (health.status === "Degraded") return "Failed";
  return undefined;
}

interface Waiting {
  planned: PlannedApply;
  health: HealthAssessment;
}

function describeWaiting(waiting: readonly Waiting[]): string {
  const shown = waiting.slice(0, 3).map(({ planned, health }) => `${subjectOf(keyOf(planned.obj))} is ${health.status}${health.message ? ` (${health.message})` : ""}`);
  return `${shown.join("; ")}${waiting.length > 3 ? `; and ${waiting.length - 3} more` : ""}`;
}

/** A hook that finished: its result updated, and deleted when its policy asks. */
async function finishHook(planned: PlannedApply, state: Exclude<HookState, "Running">, health: HealthAssessment, options: ExecuteOptions): Promise<void> {
  const hook = planned.hook;
  if (!hook) return;
  const policy = state === "Succeeded" ? "HookSucceeded" : "HookFailed";
  const deletes = hook.deletePolicies.includes(policy);
  if (deletes) {
    await retrying(planned.obj, options, options.signal, () => options.writer.delete(planned.obj, { signal: options.signal }));
    options.onPruned?.(planned.obj);
  }
  const words = [health.message, deletes ? `deleted (${policy})` : ""].filter(Boolean).join("; ");
  await options.sink.update(resultOf(planned.obj, state === "Failed" ? "failed" : "created", words || undefined, { phase: hook.phase, state }));
}

/**
 * Waits until the wave's hooks finished and, with `waitForHealth`, its resources are Healthy.
 * @returns how the sync ends when it cannot go on (a hook failed, the deadline passed, it was terminated); undefined to go on.
 */
export async function settleWave(wave: PlannedWave, started: readonly PlannedApply[], watch: WaveWatch, options: ExecuteOptions & { waitForHealth: boolean }): Promise<ExecutionEnd | undefined> {
  let pending = started.filter((planned) => planned.hook || options.waitForHealth);
  let announced = false;
  try {
    while (pending.length > 0) {
      const waiting: Waiting[] = [];
      let failure: ExecutionEnd | undefined;
      for (const planned of pending) {
        const live = await retrying(planned.obj, options, options.signal, () => options.writer.get(planned.obj, { signal: options.signal }));
        const health = live ? assessHealth(live) : missingHealth();
        const state = planned.hook ? hookStateOf(health) : health.status === "Healthy" ? "Succeeded" : undefined;
        if (!state) {
          waiting.push({ planned, health });
          continue;
        }
        await finishHook(planned, state, health, options);
        if (state === "Failed" && planned.hook) {
          const subject = subjectOf(keyOf(planned.obj));
          failure ??= { state: "failed", subject, reason: `${planned.hook.phase} hook ${subject} failed${health.message ? `: ${health.message}` : ""}.` };
        }
      }
      if (failure) return failure;
      pending = waiting.map(({ planned }) => planned);
      if (pending.length === 0) return undefined;
      const first = waiting[0] as Waiting;
      if (options.waits.now() >= watch.deadline) {
        const seconds = Math.round(options.waits.timeoutMs / 1000);
        return { state: "failed", subject: subjectOf(keyOf(first.planned.obj)), reason: `The sync timed out after ${seconds} s waiting for wave ${wave.wave} of ${wave.phase}: ${describeWaiting(waiting)}.` };
      }
      if (!announced) {
        announced = true;
        await options.sink.log(`Waiting for wave ${wave.wave} of ${wave.phase}: ${describeWaiting(waiting)}.`);
      }
      await sleep(options.waits.pollMs, options.signal);
    }
    return undefined;
  } catch (error) {
    if (options.signal.aborted) return { state: "terminated", reason: options.signal.reason instanceof Error ? options.signal.reason.message : String(options.signal.reason ?? "aborted") };
    throw error;
  }
}
