import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment } from "./assessment";
import { describeCondition, findCondition, isConditionTrue, readConditions } from "./conditions";
import { hasObject, readNumber, readObjectList, readString } from "./fields";

/**
 * Annotation that makes a Running Pod with restartPolicy `Never` or `OnFailure` count as
 * Healthy once Ready (Argo CD's `ignore-restart-policy`): for Pods an operator manages, which
 * are long-lived despite their policy.
 */
export const IGNORE_RESTART_POLICY_ANNOTATION = "lockstep.dev/ignore-restart-policy";

type ContainerStatus = Record<string, unknown>;

/**
 * Health of a Pod, after gitops-engine's `getCorev1PodHealth`:
 * - restartPolicy `Always` with a container waiting on an error (`CrashLoopBackOff`,
 *   `ImagePullBackOff`, `ErrImagePull`, `CreateContainerConfigError`...) → Degraded. Pods with
 *   another policy run to completion (hooks, Jobs) and keep Progressing instead, so a retry
 *   that may still succeed does not fail them early.
 * - Pending → Progressing, saying why (the scheduler's `Unschedulable` reason, a waiting
 *   container); Succeeded → Healthy; Failed → Degraded with the best failure message.
 * - Running: Ready → Healthy; not Ready after a container restarted → Degraded; otherwise
 *   Progressing. With restartPolicy `Never`/`OnFailure` a Running Pod is Progressing, unless
 *   it carries `IGNORE_RESTART_POLICY_ANNOTATION`.
 */
export function podHealth(pod: KubeObject): HealthAssessment {
  const restartPolicy = readString(pod, "spec.restartPolicy") ?? "Always";
  const initStatuses = readObjectList(pod, "status.initContainerStatuses");
  const statuses = readObjectList(pod, "status.containerStatuses");
  const podMessage = readString(pod, "status.message") ?? "";

  if (restartPolicy === "Always") {
    const errors = [...initStatuses, ...statuses].filter(isWaitingOnError).map(describeWaiting);
    if (errors.length > 0) return assessment("Degraded", errors.join("; "));
  }

  const phase = readString(pod, "status.phase") ?? "";
  switch (phase) {
    case "Pending":
      return assessment("Progressing", podMessage || pendingReason(pod, [...initStatuses, ...statuses]));
    case "Succeeded":
      return assessment("Healthy", podMessage);
    case "Failed":
      return assessment("Degraded", podMessage || failureReason([...initStatuses, ...statuses]) || "Pod failed");
    case "Running":
      if (restartPolicy === "Always" || pod.metadata.annotations?.[IGNORE_RESTART_POLICY_ANNOTATION] !== undefined) {
        return runningHealth(pod, statuses, podMessage);
      }
      return assessment("Progressing", podMessage || `Pod is running (restartPolicy ${restartPolicy})`);
    default:
      return assessment("Unknown", podMessage || (phase ? `Pod phase is ${phase}` : "Pod has no phase yet"));
  }
}

function runningHealth(pod: KubeObject, statuses: ContainerStatus[], podMessage: string): HealthAssessment {
  const conditions = readConditions(pod);
  if (isConditionTrue(conditions, "Ready")) return assessment("Healthy", podMessage);
  const restarted = statuses.find((status) => hasObject(status, "lastState.terminated"));
  if (restarted) return assessment("Degraded", podMessage || describeRestart(restarted));
  const ready = findCondition(conditions, "Ready") ?? findCondition(conditions, "ContainersReady");
  return assessment("Progressing", podMessage || (ready?.message ? ready.message : "Waiting for the Pod to be ready"));
}

function isWaitingOnError(status: ContainerStatus): boolean {
  const reason = readString(status, "state.waiting.reason") ?? "";
  return reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff");
}

function describeWaiting(status: ContainerStatus): string {
  const reason = readString(status, "state.waiting.reason") ?? "";
  const message = readString(status, "state.waiting.message");
  return `${reason} (container ${readString(status, "name") ?? "?"})${message ? `: ${message}` : ""}`;
}

function pendingReason(pod: KubeObject, statuses: ContainerStatus[]): string {
  const scheduled = findCondition(readConditions(pod), "PodScheduled");
  if (scheduled?.status === "False") return describeCondition(scheduled);
  const waiting = statuses.find((status) => readString(status, "state.waiting.reason"));
  return waiting ? describeWaiting(waiting) : "Pod is pending";
}

function failureReason(statuses: ContainerStatus[]): string {
  for (const status of statuses) {
    if (!hasObject(status, "state.terminated")) continue;
    const message = readString(status, "state.terminated.message");
    if (message) return message;
    const reason = readString(status, "state.terminated.reason");
    if (reason === "OOMKilled") return `OOMKilled (container ${readString(status, "name") ?? "?"})`;
    const exitCode = readNumber(status, "state.terminated.exitCode") ?? 0;
    if (exitCode !== 0) return `Container ${readString(status, "name") ?? "?"} failed with exit code ${exitCode}`;
  }
  return "";
}

function describeRestart(status: ContainerStatus): string {
  const name = readString(status, "name") ?? "?";
  const restarts = readNumber(status, "restartCount") ?? 0;
  const reason = readString(status, "lastState.terminated.reason") ?? "terminated";
  const exitCode = readNumber(status, "lastState.terminated.exitCode");
  const exit = exitCode === undefined ? reason : `${reason}, exit code ${exitCode}`;
  return `Container ${name} is not ready and has restarted ${restarts} time${restarts === 1 ? "" : "s"} (last: ${exit})`;
}
