import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  {
    name: "calls a DaemonSet with an updated, available Pod on every node Healthy",
    fixture: "daemonset-healthy",
    status: "Healthy",
    message: "1 of 1 pods available",
  },
  {
    name: "calls a DaemonSet whose spec change the controller has not yet observed Progressing",
    fixture: "daemonset-unobserved",
    status: "Progressing",
    message: "Waiting for rollout to finish: observed daemon set generation less than desired generation",
  },
  {
    name: "counts the nodes already running the new Pod during a rollout",
    fixture: "daemonset-rolling-out",
    status: "Progressing",
    message: 'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
  },
  {
    name: "waits for updated Pods to become available",
    fixture: "daemonset-unavailable",
    status: "Progressing",
    message: 'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
  },
  {
    name: "calls an OnDelete DaemonSet Healthy while its old Pods wait to be deleted by hand",
    fixture: "daemonset-on-delete",
    status: "Healthy",
    message: "3 of 3 pods available; 0 run the new template, as OnDelete replaces a Pod only once it is deleted",
  },
];

describe("DaemonSet health", () => {
  it.each(cases)("$name", expectCase);
});
