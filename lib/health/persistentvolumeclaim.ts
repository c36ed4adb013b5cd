import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment } from "./assessment";
import { readString } from "./fields";

/**
 * Health of a PersistentVolumeClaim by its phase (after gitops-engine's `getCorev1PVCHealth`):
 * Bound → Healthy, Pending → Progressing (also while a `WaitForFirstConsumer` storage class
 * waits for a Pod), Lost (its volume is gone) → Degraded, anything else → Unknown.
 */
export function persistentVolumeClaimHealth(claim: KubeObject): HealthAssessment {
  const phase = readString(claim, "status.phase") ?? "";
  const volume = readString(claim, "spec.volumeName");
  switch (phase) {
    case "Bound":
      return assessment("Healthy", volume ? `Bound to volume ${volume}` : "Bound");
    case "Pending":
      return assessment("Progressing", "Waiting for a volume to be bound");
    case "Lost":
      return assessment("Degraded", volume ? `Volume ${volume} is lost` : "The claim's volume is lost");
    default:
      return assessment("Unknown", phase ? `Claim phase is ${phase}` : "Claim has no phase yet");
  }
}
