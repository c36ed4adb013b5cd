import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment } from "./assessment";
import { describeCondition, findCondition, readConditions, type Condition } from "./conditions";
import { readBoolean, readNumber } from "./fields";

/**
 * Health of a Job by its conditions (after gitops-engine's `getBatchv1JobHealth`): `Failed`
 * (or `FailureTarget`, set while its Pods are being stopped) → Degraded; `Complete` → Healthy;
 * suspended (`spec.suspend` or the `Suspended` condition) → Suspended; otherwise Progressing
 * with its Pod counts. Only conditions with status `True` count, so a resumed Job, whose
 * `Suspended` condition turns `False`, runs again as Progressing.
 */
export function jobHealth(job: KubeObject): HealthAssessment {
  const conditions = readConditions(job);
  const failed = trueCondition(conditions, "Failed") ?? trueCondition(conditions, "FailureTarget");
  if (failed) return assessment("Degraded", describeCondition(failed) || "Job failed");
  const complete = trueCondition(conditions, "Complete");
  if (complete) return assessment("Healthy", complete.message || "Job completed");
  const suspended = trueCondition(conditions, "Suspended");
  if (suspended || readBoolean(job, "spec.suspend")) return assessment("Suspended", suspended?.message || "Job is suspended");
  return assessment("Progressing", runningMessage(job));
}

function trueCondition(conditions: Condition[], type: string): Condition | undefined {
  const condition = findCondition(conditions, type);
  return condition?.status === "True" ? condition : undefined;
}

function runningMessage(job: KubeObject): string {
  const active = readNumber(job, "status.active") ?? 0;
  const succeeded = readNumber(job, "status.succeeded") ?? 0;
  const failed = readNumber(job, "status.failed") ?? 0;
  const completions = readNumber(job, "spec.completions");
  const done = completions === undefined ? `${succeeded} succeeded` : `${succeeded} of ${completions} completions`;
  return `Job is running: ${done}, ${active} active${failed > 0 ? `, ${failed} failed` : ""}`;
}
