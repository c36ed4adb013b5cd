import { groupOf, type KubeObject } from "@/lib/types";
import { apiServiceHealth } from "./apiservice";
import type { HealthCheck } from "./assessment";
import { cronJobHealth } from "./cronjob";
import { customResourceDefinitionHealth } from "./customresourcedefinition";
import { daemonSetHealth } from "./daemonset";
import { deploymentHealth } from "./deployment";
import { horizontalPodAutoscalerHealth } from "./horizontalpodautoscaler";
import { ingressHealth } from "./ingress";
import { jobHealth } from "./job";
import { persistentVolumeClaimHealth } from "./persistentvolumeclaim";
import { podHealth } from "./pod";
import { replicaSetHealth } from "./replicaset";
import { serviceHealth } from "./service";
import { statefulSetHealth } from "./statefulset";

/**
 * Built-in checks by `group/Kind` (core kinds have an empty group), as gitops-engine's
 * `GetHealthCheckFunc` lists them, with the `extensions` group's old workload kinds too.
 */
const CHECKS: ReadonlyMap<string, HealthCheck> = new Map<string, HealthCheck>([
  ["apps/Deployment", deploymentHealth],
  ["extensions/Deployment", deploymentHealth],
  ["apps/StatefulSet", statefulSetHealth],
  ["apps/DaemonSet", daemonSetHealth],
  ["extensions/DaemonSet", daemonSetHealth],
  ["apps/ReplicaSet", replicaSetHealth],
  ["extensions/ReplicaSet", replicaSetHealth],
  ["/Pod", podHealth],
  ["/Service", serviceHealth],
  ["/PersistentVolumeClaim", persistentVolumeClaimHealth],
  ["networking.k8s.io/Ingress", ingressHealth],
  ["extensions/Ingress", ingressHealth],
  ["batch/Job", jobHealth],
  ["batch/CronJob", cronJobHealth],
  ["autoscaling/HorizontalPodAutoscaler", horizontalPodAutoscalerHealth],
  ["apiregistration.k8s.io/APIService", apiServiceHealth],
  ["apiextensions.k8s.io/CustomResourceDefinition", customResourceDefinitionHealth],
]);

/**
 * The built-in health check for an object's kind, or `undefined` when there is none ("no
 * check": ConfigMaps, RBAC objects, custom resources), which callers read as Healthy once the
 * object exists. Kinds are matched with their group, so a `Deployment` of some other API
 * group gets no check.
 */
export function healthCheckFor(obj: Pick<KubeObject, "apiVersion" | "kind">): HealthCheck | undefined {
  return CHECKS.get(`${groupOf(obj.apiVersion)}/${obj.kind}`);
}
