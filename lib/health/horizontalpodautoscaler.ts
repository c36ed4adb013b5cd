import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment } from "./assessment";
import { findCondition, readConditions, type Condition } from "./conditions";
import { HealthCheckError } from "./fields";

/** Where `autoscaling/v1` HorizontalPodAutoscalers carry the conditions of later versions. */
const V1_CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";

/**
 * Health of a HorizontalPodAutoscaler by its conditions (after gitops-engine's
 * `getHPAHealth`): `AbleToScale` False (it cannot read or update its target's scale) or
 * `ScalingActive` False (no metrics, a bad selector) → Degraded, except that `ScalingActive`
 * False for `ScalingDisabled` (the target was scaled to zero by hand) → Suspended; either
 * condition True → Healthy; no conditions yet → Progressing. `autoscaling/v1` objects are
 * read from the annotation in which the API server keeps their conditions.
 */
export function horizontalPodAutoscalerHealth(hpa: KubeObject): HealthAssessment {
  const conditions = hpa.apiVersion === "autoscaling/v1" ? v1Conditions(hpa) : readConditions(hpa);
  const ableToScale = findCondition(conditions, "AbleToScale");
  const scalingActive = findCondition(conditions, "ScalingActive");
  if (ableToScale?.status === "False") return assessment("Degraded", reasonOf(ableToScale));
  if (scalingActive?.status === "False") {
    return assessment(scalingActive.reason === "ScalingDisabled" ? "Suspended" : "Degraded", reasonOf(scalingActive));
  }
  if (scalingActive?.status === "True" || ableToScale?.status === "True") {
    const limited = findCondition(conditions, "ScalingLimited");
    const said = limited?.status === "True" ? limited : (scalingActive ?? ableToScale);
    return assessment("Healthy", said ? reasonOf(said) : "");
  }
  return assessment("Progressing", "Waiting to autoscale");
}

function v1Conditions(hpa: KubeObject): Condition[] {
  const annotation = hpa.metadata.annotations?.[V1_CONDITIONS_ANNOTATION];
  if (annotation === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch {
    throw new HealthCheckError(`The ${V1_CONDITIONS_ANNOTATION} annotation is not valid JSON.`);
  }
  return readConditions({ conditions: parsed }, "conditions");
}

function reasonOf(condition: Condition): string {
  return condition.message || condition.reason;
}
