import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment, type HealthContext } from "./assessment";
import { readNumber, readString } from "./fields";
import { withPodHint } from "./pod-hint";

/**
 * Health of a DaemonSet, as `kubectl rollout status` judges it (after gitops-engine's
 * `getAppsv1DaemonSetHealth`): an unobserved spec change, nodes still running the old Pod or
 * new Pods not yet available → Progressing. With `OnDelete` updates old Pods stay until
 * deleted by hand, so that is Healthy. Troubled Pods among the children explain the wait.
 */
export function daemonSetHealth(daemonSet: KubeObject, { children }: HealthContext): HealthAssessment {
  return withPodHint(rolloutHealth(daemonSet), children);
}

function rolloutHealth(daemonSet: KubeObject): HealthAssessment {
  const generation = readNumber(daemonSet, "metadata.generation") ?? 0;
  const observedGeneration = readNumber(daemonSet, "status.observedGeneration") ?? 0;
  if (observedGeneration < generation) {
    return assessment("Progressing", "Waiting for rollout to finish: observed daemon set generation less than desired generation");
  }
  const desired = readNumber(daemonSet, "status.desiredNumberScheduled") ?? 0;
  const updated = readNumber(daemonSet, "status.updatedNumberScheduled") ?? 0;
  const available = readNumber(daemonSet, "status.numberAvailable") ?? 0;
  if (readString(daemonSet, "spec.updateStrategy.type") === "OnDelete") {
    return assessment("Healthy", `${available} of ${desired} pods available; ${updated} run the new template, as OnDelete replaces a Pod only once it is deleted`);
  }
  const name = daemonSet.metadata.name;
  if (updated < desired) {
    return assessment("Progressing", `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`);
  }
  if (available < desired) {
    return assessment("Progressing", `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`);
  }
  return assessment("Healthy", `${available} of ${desired} pods available`);
}
