import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  { name: "calls a Running, Ready Pod Healthy", fixture: "pod-running-ready", status: "Healthy", message: "" },
  {
    name: "calls a Pod in CrashLoopBackOff Degraded with the kubelet's back-off message",
    fixture: "pod-crash-loop-backoff",
    status: "Degraded",
    message:
      "CrashLoopBackOff (container api): back-off 2m40s restarting failed container=api pod=api-6f7d8b9c5-q4w2z_shop(3f0c9a52-7a1e-4a8e-9d36-2b7c41e0f5a1)",
  },
  {
    name: "calls a Pending Pod in ImagePullBackOff Degraded",
    fixture: "pod-image-pull-backoff",
    status: "Degraded",
    message:
      'ImagePullBackOff (container web): Back-off pulling image "nginx:1.28": ErrImagePull: failed to pull and unpack image "docker.io/library/nginx:1.28": not found',
  },
  {
    name: "calls a Pod in ErrImagePull Degraded",
    fixture: "pod-err-image-pull",
    status: "Degraded",
    message:
      'ErrImagePull (container web): failed to pull and unpack image "docker.io/library/nginx:1.28": failed to resolve reference "docker.io/library/nginx:1.28": not found',
  },
  {
    name: "calls a Pod whose init container crash-loops Degraded",
    fixture: "pod-init-crash-loop-backoff",
    status: "Degraded",
    message:
      "CrashLoopBackOff (container wait-for-db): back-off 1m20s restarting failed container=wait-for-db pod=web-8c96c8dfc-b4n8s_shop(8a5e2c1d-4b3f-4e6a-9c7d-1f2e3a4b5c6d)",
  },
  {
    name: "calls an unschedulable Pending Pod Progressing and gives the scheduler's reason",
    fixture: "pod-pending-unschedulable",
    status: "Progressing",
    message:
      "Unschedulable: 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
  },
  {
    name: "calls a Pending Pod whose container is being created Progressing",
    fixture: "pod-container-creating",
    status: "Progressing",
    message: "ContainerCreating (container web)",
  },
  {
    name: "calls a Running Pod that is not Ready yet Progressing",
    fixture: "pod-running-not-ready",
    status: "Progressing",
    message: "containers with unready status: [web]",
  },
  {
    name: "calls a Running Pod that restarted and is not Ready Degraded",
    fixture: "pod-running-restarted-not-ready",
    status: "Degraded",
    message: "Container web is not ready and has restarted 3 times (last: Error, exit code 1)",
  },
  { name: "calls a Succeeded Pod Healthy", fixture: "pod-succeeded", status: "Healthy", message: "" },
  {
    name: "calls a Failed Pod Degraded with its container's exit code",
    fixture: "pod-failed-exit-code",
    status: "Degraded",
    message: "Container migrate failed with exit code 2",
  },
  {
    name: "calls an OOM-killed Pod Degraded and says so",
    fixture: "pod-failed-oom-killed",
    status: "Degraded",
    message: "OOMKilled (container migrate)",
  },
  {
    name: "gives a failed container's termination message on one line",
    fixture: "pod-failed-with-termination-message",
    status: "Degraded",
    message: 'migration 0042_orders failed: relation "orders" already exists',
  },
  {
    name: "prefers the Pod's own message for an evicted Pod",
    fixture: "pod-failed-evicted",
    status: "Degraded",
    message:
      "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91204Ki. Container web was using 1450Mi, request is 0, has larger consumption of memory.",
  },
  {
    name: "keeps a Running Pod with restartPolicy Never Progressing, as a hook runs to completion",
    fixture: "pod-hook-running",
    status: "Progressing",
    message: "Pod is running (restartPolicy Never)",
  },
  {
    name: "keeps a Pod with restartPolicy Never Progressing in ImagePullBackOff, as a retry may still succeed",
    fixture: "pod-hook-image-pull-backoff",
    status: "Progressing",
    message: 'ImagePullBackOff (container migrate): Back-off pulling image "busybox:1.36"',
  },
  {
    name: "calls a Ready Pod with restartPolicy Never Healthy when it carries the ignore-restart-policy annotation",
    fixture: "pod-operator-managed-running",
    status: "Healthy",
    message: "",
  },
];

describe("Pod health", () => {
  it.each(cases)("$name", expectCase);
});
