import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  {
    name: "calls a StatefulSet with every Pod ready at the current revision Healthy",
    fixture: "statefulset-healthy",
    status: "Healthy",
    message: "statefulset rolling update complete 2 pods at revision db-7f565fc5bc...",
  },
  {
    name: "calls a StatefulSet whose spec change the controller has not yet observed Progressing",
    fixture: "statefulset-unobserved",
    status: "Progressing",
    message: "Waiting for statefulset spec update to be observed...",
  },
  {
    name: "waits for Pods that are not ready yet",
    fixture: "statefulset-pods-not-ready",
    status: "Progressing",
    message: "Waiting for 2 pods to be ready...",
  },
  {
    name: "explains waiting Pods with a crash-looping child",
    fixture: "statefulset-pods-not-ready",
    children: ["pod-crash-loop-backoff"],
    status: "Progressing",
    message:
      "Waiting for 2 pods to be ready... (pod api-6f7d8b9c5-q4w2z: CrashLoopBackOff (container api): back-off 2m40s restarting failed container=api pod=api-6f7d8b9c5-q4w2z_shop(3f0c9a52-7a1e-4a8e-9d36-2b7c41e0f5a1))",
  },
  {
    name: "follows an unpartitioned rolling update until every Pod runs the new revision",
    fixture: "statefulset-rolling-update",
    status: "Progressing",
    message: "Waiting for rolling update to finish: 1 out of 3 pods at revision db-6dd4f5ff9c...",
  },
  {
    name: "follows a partitioned rolling update only over the Pods at or above the partition",
    fixture: "statefulset-partitioned-rollout",
    status: "Progressing",
    message: "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...",
  },
  {
    name: "calls a partitioned rolling update Healthy once the Pods above the partition are updated",
    fixture: "statefulset-partitioned-rollout-complete",
    status: "Healthy",
    message: "partitioned roll out complete: 1 new pods have been updated...",
  },
  {
    name: "calls an OnDelete StatefulSet with ready Pods of the old revision Healthy",
    fixture: "statefulset-on-delete",
    status: "Healthy",
    message: "statefulset has 3 ready pods",
  },
];

describe("StatefulSet health", () => {
  it.each(cases)("$name", expectCase);
});
