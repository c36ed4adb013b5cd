import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appSpecSchema } from "@/lib/apps/spec";
import type { Principal } from "@/lib/auth/principal";
import type { KubeObject } from "@/lib/types";
import type { Engine } from "./create-engine";
import type { MemoryClusters } from "./testing/memory-cluster";
import { startTestEngine, type TestEngine } from "./testing/test-engine";
import { configMap, deployment } from "./testing/objects";

const alice: Principal = { kind: "user", name: "alice", role: "admin", grants: ["*"], mustChangePassword: false };

const hpa: KubeObject = {
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "web", namespace: "demo" },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 10 },
};

describe("the engine under ignoreDifferences", () => {
  let clusters: MemoryClusters;
  let engine: Engine;
  let harness: TestEngine;
  const desired = new Map<string, KubeObject[]>();

  beforeEach(async () => {
    harness = await startTestEngine();
    ({ clusters, engine } = harness);
    harness.source.desired = desired;
  });

  afterEach(() => harness.stop());

  async function createSynced(name: string, objects: KubeObject[], spec: Record<string, unknown> = {}) {
    desired.set(name, objects);
    await engine.apps.create(appSpecSchema.parse({ name, repoUrl: "https://git.example/config.git", path: name, destNamespace: "demo", ...spec }), alice);
    if (spec.automated) {
      await expect.poll(async () => (await engine.operations.list(name)).map((op) => op.phase)).toEqual(["Succeeded"]);
      await engine.drain();
    } else {
      await engine.operations.waitFor(name, (await engine.operations.requestSync(name, {}, alice)).id);
    }
  }

  it("keeps a Deployment an HPA scales Synced, and self-heal leaves its replicas alone", async () => {
    await createSynced("scaled", [deployment("web"), hpa], { automated: true, selfHeal: true });
    const runs = (await engine.operations.list("scaled")).length;
    clusters.cache("local").edit("Deployment.apps/demo/web", (obj) => {
      (obj.spec as { replicas: number }).replicas = 7;
      obj.metadata.managedFields = [{ manager: "kube-controller-manager", operation: "Update", subresource: "scale", fieldsV1: { "f:spec": { "f:replicas": {} } } }];
    });
    const comparison = await engine.apps.comparison("scaled", 0);
    expect(comparison.syncStatus).toBe("Synced");
    expect(comparison.resources.find((r) => r.key.kind === "Deployment")).toMatchObject({ status: "Synced", changedFields: [], diff: "" });
    await engine.drain();
    expect(await engine.operations.list("scaled")).toHaveLength(runs);
    expect((clusters.cache("local").objects.get("Deployment.apps/demo/web")?.spec as { replicas: number }).replicas).toBe(7);
  });

  it("follows a change of the app's rules at once, though the objects did not change", async () => {
    await createSynced("settings", [configMap("settings")]);
    clusters.cache("local").edit("ConfigMap/demo/settings", (obj) => {
      obj.data = { ...(obj.data as object), stamp: "written by a controller" };
    });
    expect((await engine.apps.comparison("settings", 0)).syncStatus).toBe("OutOfSync");
    await engine.apps.update("settings", { ignoreDifferences: [{ kind: "ConfigMap", jsonPointers: ["/data/stamp"] }] }, alice);
    expect((await engine.apps.comparison("settings", 0)).syncStatus).toBe("Synced");
    await engine.apps.update("settings", { ignoreDifferences: [] }, alice);
    const comparison = await engine.apps.comparison("settings", 0);
    expect(comparison.syncStatus).toBe("OutOfSync");
    expect(comparison.resources[0]?.changes?.map((c) => c.path)).toEqual(["data.stamp"]);
  });
});
