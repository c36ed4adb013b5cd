import { groupOf, isWorseHealth, type KubeObject } from "@/lib/types";
import type { HealthAssessment } from "./assessment";
import { podHealth } from "./pod";

/**
 * Adds to a workload's Progressing or Degraded verdict what its most troubled Pod says
 * ("pod web-7d4b9c-x2x9k: ImagePullBackOff (container web): ..."), so that a rollout that
 * waits tells what it waits on. Other verdicts, and workloads without such Pods among the
 * children, are returned as given.
 */
export function withPodHint(result: HealthAssessment, children: KubeObject[]): HealthAssessment {
  if (result.status !== "Progressing" && result.status !== "Degraded") return result;
  const hint = worstPodProblem(children);
  return hint ? { ...result, message: `${result.message} (${hint})` } : result;
}

function worstPodProblem(children: KubeObject[]): string | undefined {
  let worst: { name: string; health: HealthAssessment } | undefined;
  for (const child of children) {
    if (child.kind !== "Pod" || groupOf(child.apiVersion) !== "" || child.metadata.deletionTimestamp) continue;
    const health = podHealthOrUndefined(child);
    if (!health?.message || (health.status !== "Progressing" && health.status !== "Degraded")) continue;
    if (!worst || isWorseHealth(health.status, worst.health.status)) worst = { name: child.metadata.name, health };
  }
  return worst && `pod ${worst.name}: ${worst.health.message}`;
}

/** A malformed child must not spoil its parent's verdict; it is simply left out. */
function podHealthOrUndefined(pod: KubeObject): HealthAssessment | undefined {
  try {
    return podHealth(pod);
  } catch {
    return undefined;
  }
}
