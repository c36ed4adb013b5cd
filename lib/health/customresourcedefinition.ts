import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment } from "./assessment";
import { findCondition, readConditions } from "./conditions";

/**
 * Health of a CustomResourceDefinition by its conditions (after gitops-engine's
 * `getCustomResourceDefinitionHealth`): no conditions yet → Progressing; names refused
 * (`NamesAccepted` False: a kind or plural already in use) or not `Established` → Degraded;
 * a `NonStructuralSchema` violation → Degraded; otherwise Healthy. A CRD being deleted
 * (`Terminating`) carries a deletion timestamp and is Progressing by the general rule for
 * objects pending deletion.
 */
export function customResourceDefinitionHealth(crd: KubeObject): HealthAssessment {
  const conditions = readConditions(crd);
  if (conditions.length === 0) return assessment("Progressing", "Status conditions not found");
  const namesAccepted = findCondition(conditions, "NamesAccepted");
  if (namesAccepted?.status === "False") {
    return assessment("Degraded", `CRD names have not been accepted: ${namesAccepted.message || namesAccepted.reason}`);
  }
  const established = findCondition(conditions, "Established");
  if (established?.status !== "True") {
    return assessment("Degraded", `CRD is not established${established?.message ? `: ${established.message}` : ""}`);
  }
  const nonStructural = findCondition(conditions, "NonStructuralSchema");
  if (nonStructural?.status === "True") {
    return assessment("Degraded", `Schema violations found: ${nonStructural.message || nonStructural.reason}`);
  }
  return assessment("Healthy", "CRD is established");
}
