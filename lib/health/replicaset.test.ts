import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  {
    name: "calls a ReplicaSet with all replicas available Healthy",
    fixture: "replicaset-healthy",
    status: "Healthy",
    message: "2 of 2 replicas available",
  },
  {
    name: "calls a ReplicaSet still waiting for replicas to become available Progressing",
    fixture: "replicaset-scaling-up",
    status: "Progressing",
    message: "Waiting for rollout to finish: 1 out of 3 new replicas are available...",
  },
  {
    name: "calls a ReplicaSet whose Pods a quota refuses Degraded with the refusal",
    fixture: "replicaset-quota-exceeded",
    status: "Degraded",
    message:
      'FailedCreate: pods "web-7549484477-5xk2d" is forbidden: exceeded quota: compute, requested: limits.cpu=500m, used: limits.cpu=2, limited: limits.cpu=2',
  },
];

describe("ReplicaSet health", () => {
  it.each(cases)("$name", expectCase);
});
