import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment } from "./assessment";
import { loadBalancerAddresses } from "./load-balancer";

/**
 * Health of an Ingress (after gitops-engine's `getNetworkingv1IngressHealth`): Progressing
 * until an ingress controller publishes an address in `status.loadBalancer.ingress`, Healthy
 * after. A cluster without an ingress controller thus keeps its Ingresses Progressing, as in
 * Argo CD.
 */
export function ingressHealth(ingress: KubeObject): HealthAssessment {
  const addresses = loadBalancerAddresses(ingress);
  if (addresses.length === 0) return assessment("Progressing", "Waiting for an ingress controller to publish an address");
  return assessment("Healthy", `Served at ${addresses.join(", ")}`);
}
