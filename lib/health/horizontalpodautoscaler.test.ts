import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  {
    name: "calls an autoscaler that computes replicas from its metrics Healthy",
    fixture: "hpa-healthy",
    status: "Healthy",
    message: "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
  },
  {
    name: "calls an autoscaler held at its maximum Healthy and says it is limited",
    fixture: "hpa-at-max-replicas",
    status: "Healthy",
    message: "the desired replica count is more than the maximum replica count",
  },
  {
    name: "calls an autoscaler without metrics Degraded, as ScalingActive is False",
    fixture: "hpa-metrics-unavailable",
    status: "Degraded",
    message:
      "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)",
  },
  {
    name: "calls an autoscaler that cannot read its target's scale Degraded, as AbleToScale is False",
    fixture: "hpa-target-missing",
    status: "Degraded",
    message: "the HPA controller was unable to get the target's current scale: deployments/scale.apps \"web\" not found",
  },
  {
    name: "calls an autoscaler whose target was scaled to zero Suspended",
    fixture: "hpa-scaling-disabled",
    status: "Suspended",
    message: "scaling is disabled since the replica count of the target is zero",
  },
  { name: "calls an autoscaler without conditions yet Progressing", fixture: "hpa-new", status: "Progressing", message: "Waiting to autoscale" },
  {
    name: "reads an autoscaling/v1 autoscaler's conditions from its annotation",
    fixture: "hpa-v1-healthy",
    status: "Healthy",
    message: "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
  },
  {
    name: "reports Unknown with the reason when an autoscaling/v1 conditions annotation is not JSON",
    fixture: "hpa-v1-unreadable-conditions",
    status: "Unknown",
    message: 'Cannot assess the health of HorizontalPodAutoscaler "web": The autoscaling.alpha.kubernetes.io/conditions annotation is not valid JSON.',
  },
];

describe("HorizontalPodAutoscaler health", () => {
  it.each(cases)("$name", expectCase);
});
