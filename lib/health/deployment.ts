import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment, type HealthContext } from "./assessment";
import { findCondition, readConditions } from "./conditions";
import { readBoolean, readNumber } from "./fields";
import { withPodHint } from "./pod-hint";

/**
 * Health of a Deployment, as `kubectl rollout status` judges a rollout (after gitops-engine's
 * `getAppsv1DeploymentHealth`): paused → Suspended; a spec change the controller has not yet
 * observed, replicas not yet updated, old replicas still terminating or updated replicas not
 * yet available → Progressing; the `Progressing` condition's `ProgressDeadlineExceeded` →
 * Degraded. Troubled Pods among the children explain the wait.
 */
export function deploymentHealth(deployment: KubeObject, { children }: HealthContext): HealthAssessment {
  if (readBoolean(deployment, "spec.paused")) return assessment("Suspended", "Deployment is paused");
  return withPodHint(rolloutHealth(deployment), children);
}

function rolloutHealth(deployment: KubeObject): HealthAssessment {
  const generation = readNumber(deployment, "metadata.generation") ?? 0;
  const observedGeneration = readNumber(deployment, "status.observedGeneration") ?? 0;
  if (observedGeneration < generation) {
    return assessment("Progressing", "Waiting for rollout to finish: observed deployment generation less than desired generation");
  }
  const progressing = findCondition(readConditions(deployment), "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    const detail = progressing.message ? `: ${progressing.message}` : "";
    return assessment("Degraded", `Deployment "${deployment.metadata.name}" exceeded its progress deadline${detail}`);
  }
  const replicas = readNumber(deployment, "spec.replicas") ?? 1;
  const current = readNumber(deployment, "status.replicas") ?? 0;
  const updated = readNumber(deployment, "status.updatedReplicas") ?? 0;
  const available = readNumber(deployment, "status.availableReplicas") ?? 0;
  if (updated < replicas) {
    return assessment("Progressing", `Waiting for rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`);
  }
  if (current > updated) {
    return assessment("Progressing", `Waiting for rollout to finish: ${current - updated} old replicas are pending termination...`);
  }
  if (available < updated) {
    return assessment("Progressing", `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`);
  }
  return assessment("Healthy", `${available} of ${replicas} replicas available`);
}
