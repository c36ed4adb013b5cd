import { AppsV1Api, CoreV1Api, type V1Deployment } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { loadTestKubeConfig } from "@/test/helpers/cluster";
import { createTestNamespace, type TestNamespace } from "@/test/helpers/namespace";
import { fakeNodeName } from "@/tools/localcluster";

/** Polls `read` until `done` holds for its result, or fails after `timeoutMs` with the last result. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

function webDeployment(namespace: string, replicas: number): V1Deployment {
  const labels = { app: "web" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    },
  };
}

describe("the local cluster", () => {
  let namespace: TestNamespace;

  beforeEach(async () => {
    namespace = await createTestNamespace("cluster-test");
  });

  afterEach(async () => {
    await namespace.cleanup();
  });

  it("has one fake node that kwok keeps Ready", async () => {
    const core = loadTestKubeConfig().makeApiClient(CoreV1Api);
    const node = await core.readNode({ name: fakeNodeName });
    const ready = node.status?.conditions?.find((condition) => condition.type === "Ready");
    expect(ready?.status).toBe("True");
  });

  it("runs a Deployment with two replicas until both are available within 30 seconds", async () => {
    const apps = namespace.kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({ namespace: namespace.name, body: webDeployment(namespace.name, 2) });

    const deployment = await eventually(
      () => apps.readNamespacedDeployment({ name: "web", namespace: namespace.name }),
      (current) => current.status?.availableReplicas === 2,
      30_000,
    );

    expect(deployment.status?.readyReplicas).toBe(2);
    const pods = await namespace.kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: namespace.name });
    expect(pods.items.map((pod) => [pod.spec?.nodeName, pod.status?.phase])).toEqual([
      [fakeNodeName, "Running"],
      [fakeNodeName, "Running"],
    ]);
  });
});
