import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment, type HealthContext } from "./assessment";
import { readNumber, readString } from "./fields";
import { withPodHint } from "./pod-hint";

/**
 * Health of a StatefulSet, as `kubectl rollout status` judges it (after gitops-engine's
 * `getAppsv1StatefulSetHealth`): an unobserved spec change or Pods not yet ready →
 * Progressing. With `OnDelete` updates the controller replaces no Pod itself, so ready Pods
 * are Healthy whatever their revision. A partitioned rolling update (`partition: n`) is done
 * once the Pods from ordinal n up run the new revision; an unpartitioned one once every Pod
 * does. Troubled Pods among the children explain the wait.
 */
export function statefulSetHealth(statefulSet: KubeObject, { children }: HealthContext): HealthAssessment {
  return withPodHint(rolloutHealth(statefulSet), children);
}

function rolloutHealth(sts: KubeObject): HealthAssessment {
  const generation = readNumber(sts, "metadata.generation") ?? 0;
  const observedGeneration = readNumber(sts, "status.observedGeneration") ?? 0;
  if (observedGeneration === 0 || observedGeneration < generation) {
    return assessment("Progressing", "Waiting for statefulset spec update to be observed...");
  }
  const replicas = readNumber(sts, "spec.replicas") ?? 1;
  const ready = readNumber(sts, "status.readyReplicas") ?? 0;
  if (ready < replicas) return assessment("Progressing", `Waiting for ${replicas - ready} pods to be ready...`);

  if (readString(sts, "spec.updateStrategy.type") === "OnDelete") {
    return assessment("Healthy", `statefulset has ${ready} ready pods`);
  }
  const updated = readNumber(sts, "status.updatedReplicas") ?? 0;
  const partition = readNumber(sts, "spec.updateStrategy.rollingUpdate.partition") ?? 0;
  if (partition > 0) {
    const target = Math.max(replicas - partition, 0);
    if (updated < target) {
      return assessment("Progressing", `Waiting for partitioned roll out to finish: ${updated} out of ${target} new pods have been updated...`);
    }
    return assessment("Healthy", `partitioned roll out complete: ${updated} new pods have been updated...`);
  }
  const updateRevision = readString(sts, "status.updateRevision") ?? "";
  const currentRevision = readString(sts, "status.currentRevision") ?? "";
  if (updated < replicas || updateRevision !== currentRevision) {
    return assessment("Progressing", `Waiting for rolling update to finish: ${updated} out of ${replicas} pods at revision ${updateRevision}...`);
  }
  return assessment("Healthy", `statefulset rolling update complete ${replicas} pods at revision ${currentRevision}...`);
}
