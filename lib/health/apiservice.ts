import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment } from "./assessment";
import { describeCondition, findCondition, readConditions } from "./conditions";

/**
 * Health of an APIService by its `Available` condition (after gitops-engine's
 * `getApiregistrationv1APIServiceHealth`): True → Healthy; False because the backing
 * Service has no ready endpoints yet (`MissingEndpoints`) → Progressing, as its Pods may
 * still be starting; False for any other reason (`ServiceNotFound`, `FailedDiscoveryCheck`...)
 * → Degraded, where gitops-engine would keep it Progressing; not yet reported → Progressing.
 */
export function apiServiceHealth(apiService: KubeObject): HealthAssessment {
  const available = findCondition(readConditions(apiService), "Available");
  if (!available) return assessment("Progressing", "Waiting to be processed");
  if (available.status === "True") return assessment("Healthy", describeCondition(available));
  const status = available.status === "False" && available.reason !== "MissingEndpoints" ? "Degraded" : "Progressing";
  return assessment(status, describeCondition(available));
}
