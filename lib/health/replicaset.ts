import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment, type HealthContext } from "./assessment";
import { describeCondition, findCondition, readConditions } from "./conditions";
import { readNumber } from "./fields";
import { withPodHint } from "./pod-hint";

/**
 * Health of a ReplicaSet (after gitops-engine's `getAppsv1ReplicaSetHealth`): the
 * `ReplicaFailure` condition (a quota or admission refused its Pods) → Degraded; an
 * unobserved spec change or fewer available replicas than wanted → Progressing. Troubled
 * Pods among the children explain the wait.
 */
export function replicaSetHealth(replicaSet: KubeObject, { children }: HealthContext): HealthAssessment {
  return withPodHint(replicaHealth(replicaSet), children);
}

function replicaHealth(replicaSet: KubeObject): HealthAssessment {
  const generation = readNumber(replicaSet, "metadata.generation") ?? 0;
  const observedGeneration = readNumber(replicaSet, "status.observedGeneration") ?? 0;
  if (observedGeneration < generation) {
    return assessment("Progressing", "Waiting for rollout to finish: observed replica set generation less than desired generation");
  }
  const failure = findCondition(readConditions(replicaSet), "ReplicaFailure");
  if (failure?.status === "True") return assessment("Degraded", describeCondition(failure));
  const replicas = readNumber(replicaSet, "spec.replicas") ?? 1;
  const available = readNumber(replicaSet, "status.availableReplicas") ?? 0;
  if (available < replicas) {
    return assessment("Progressing", `Waiting for rollout to finish: ${available} out of ${replicas} new replicas are available...`);
  }
  return assessment("Healthy", `${available} of ${replicas} replicas available`);
}
