import { groupOf, type KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment, type HealthContext } from "./assessment";
import { describeCondition, findCondition, readConditions } from "./conditions";
import { readBoolean, readList, readString } from "./fields";

/**
 * Health of a CronJob (after Argo CD's `batch/CronJob` health script): `spec.suspend` →
 * Suspended. Its last run failed → Degraded, known either from the newest of its Jobs among
 * the children having failed, or from the status: no Job running and the last success older
 * than the last schedule. A run in progress, a CronJob never scheduled or never yet
 * successful cannot be judged and counts as Healthy, with a message saying so. Without any
 * status it is Progressing.
 */
export function cronJobHealth(cronJob: KubeObject, { children }: HealthContext): HealthAssessment {
  if (readBoolean(cronJob, "spec.suspend")) return assessment("Suspended", "CronJob is suspended");
  if (cronJob.status === undefined || cronJob.status === null) return assessment("Progressing", "Waiting for the CronJob controller");

  const active = readList(cronJob, "status.active") ?? [];
  const failedJob = active.length === 0 ? newestJobIfFailed(children) : undefined;
  if (failedJob) return assessment("Degraded", `Last Job "${failedJob.name}" failed: ${failedJob.reason}`);

  const lastSchedule = readString(cronJob, "status.lastScheduleTime");
  if (!lastSchedule) return assessment("Healthy", "CronJob has not been scheduled yet");
  if (active.length > 0) return assessment("Healthy", "A Job is running; the previous run may not have succeeded");
  const lastSuccess = readString(cronJob, "status.lastSuccessfulTime");
  if (!lastSuccess) return assessment("Healthy", "CronJob has never completed successfully; it may not be healthy");
  if (Date.parse(lastSuccess) < Date.parse(lastSchedule)) {
    return assessment("Degraded", "CronJob has not completed its last run successfully");
  }
  return assessment("Healthy", "CronJob completed its last run successfully");
}

function newestJobIfFailed(children: KubeObject[]): { name: string; reason: string } | undefined {
  const jobs = children.filter((child) => child.kind === "Job" && groupOf(child.apiVersion) === "batch");
  const newest = jobs.reduce<KubeObject | undefined>((latest, job) => (!latest || createdAt(job) > createdAt(latest) ? job : latest), undefined);
  if (!newest) return undefined;
  const failed = findCondition(readConditions(newest), "Failed");
  return failed?.status === "True" ? { name: newest.metadata.name, reason: describeCondition(failed) || "Job failed" } : undefined;
}

function createdAt(obj: KubeObject): number {
  const timestamp = readString(obj, "metadata.creationTimestamp");
  return timestamp ? Date.parse(timestamp) : 0;
}
