import { describe, it } from "vitest";
import { expectCase, type HealthCase } from "./testdata/cases";

const cases: HealthCase[] = [
  {
    name: "calls a Deployment with every replica updated and available Healthy",
    fixture: "deployment-healthy",
    status: "Healthy",
    message: "2 of 2 replicas available",
  },
  {
    name: "calls a Deployment whose spec change the controller has not yet observed Progressing",
    fixture: "deployment-unobserved",
    status: "Progressing",
    message: "Waiting for rollout to finish: observed deployment generation less than desired generation",
  },
  {
    name: "counts the updated replicas while a rollout replaces them",
    fixture: "deployment-updating",
    status: "Progressing",
    message: "Waiting for rollout to finish: 1 out of 2 new replicas have been updated...",
  },
  {
    name: "waits for old replicas to terminate after all new ones are up",
    fixture: "deployment-rolling-out",
    status: "Progressing",
    message: "Waiting for rollout to finish: 2 old replicas are pending termination...",
  },
  {
    name: "waits for updated replicas to become available",
    fixture: "deployment-unavailable",
    status: "Progressing",
    message: "Waiting for rollout to finish: 1 of 2 updated replicas are available...",
  },
  {
    name: "names the Pod a rollout waits on when the children include it",
    fixture: "deployment-unavailable",
    children: ["replicaset-healthy", "pod-rs-running-ready", "pod-image-pull-backoff"],
    status: "Progressing",
    message:
      'Waiting for rollout to finish: 1 of 2 updated replicas are available... (pod web-7549484477-k8q4n: ImagePullBackOff (container web): Back-off pulling image "nginx:1.28": ErrImagePull: failed to pull and unpack image "docker.io/library/nginx:1.28": not found)',
  },
  {
    name: "calls a Deployment Degraded once its progress deadline is exceeded",
    fixture: "deployment-progress-deadline-exceeded",
    status: "Degraded",
    message: 'Deployment "stuck" exceeded its progress deadline: ReplicaSet "stuck-f58758ddf" has timed out progressing.',
  },
  {
    name: "explains an exceeded progress deadline with the scheduler's reason from a Pending Pod",
    fixture: "deployment-progress-deadline-exceeded",
    children: ["pod-pending-unschedulable"],
    status: "Degraded",
    message:
      "Deployment \"stuck\" exceeded its progress deadline: ReplicaSet \"stuck-f58758ddf\" has timed out progressing. (pod stuck-f58758ddf-4smkm: Unschedulable: 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.)",
  },
  {
    name: "calls a paused Deployment Suspended whatever its replicas say",
    fixture: "deployment-paused",
    status: "Suspended",
    message: "Deployment is paused",
  },
  {
    name: "leaves a Healthy Deployment's message alone even when a child Pod is troubled",
    fixture: "deployment-healthy",
    children: ["pod-crash-loop-backoff"],
    status: "Healthy",
    message: "2 of 2 replicas available",
  },
];

describe("Deployment health", () => {
  it.each(cases)("$name", expectCase);
});
