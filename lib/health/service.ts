import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment } from "./assessment";
import { readString } from "./fields";
import { loadBalancerAddresses } from "./load-balancer";

/**
 * Health of a Service (after gitops-engine's `getCorev1ServiceHealth`): a `LoadBalancer`
 * Service is Progressing until the cloud provider publishes an address; every other type is
 * Healthy as soon as it exists.
 */
export function serviceHealth(service: KubeObject): HealthAssessment {
  if (readString(service, "spec.type") !== "LoadBalancer") return assessment("Healthy");
  const addresses = loadBalancerAddresses(service);
  if (addresses.length === 0) return assessment("Progressing", "Waiting for the load balancer to get an address");
  return assessment("Healthy", `Load balancer at ${addresses.join(", ")}`);
}
