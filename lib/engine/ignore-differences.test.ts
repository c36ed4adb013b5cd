import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appSpecSchema } from "@/lib/apps/spec";
import type { Principal } from "@/lib/auth/principal";
import { openDatabase, type Database } from "@/lib/db/database";
import { EventBus } from "@/lib/events/bus";
import type { LoadDesiredStateRequest } from "@/lib/source";
import { claimObject } from "@/lib/source/ownership";
import type { KubeObject } from "@/lib/types";
import { createEngine, type Engine, type EngineRooms } from "./create-engine";
import { CLUSTER_SCOPED, MemoryClusters } from "./testing/memory-cluster";
import { configMap, deployment } from "./testing/objects";

const alice: Principal = { kind: "user", name: "alice", role: "admin", grants: ["*"], mustChangePassword: false };

const hpa: KubeObject = {
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "web", namespace: "demo" },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 10 },
};

describe("the engine under ignoreDifferences", () => {
  let dir: string;
  let db: Database;
  let clusters: MemoryClusters;
  let engine: Engine;
  const desired = new Map<string, KubeObject[]>();

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "lockstep-ignore-"));
    db = await openDatabase({ url: `file:${path.join(dir, "engine.db")}` });
    clusters = new MemoryClusters();
    const source = {
      async loadDesiredState(request: LoadDesiredStateRequest) {
        const objects = (desired.get(request.appName) ?? []).map((obj) =>
          claimObject(structuredClone(obj), { appName: request.appName, destNamespace: request.destNamespace, isNamespaced: !CLUSTER_SCOPED.has(obj.kind) }),
        );
        return { objects, commit: { sha: "c".repeat(40), subject: "config", author: "ci", date: "2026-11-30T00:00:00Z" } };
      },
    };
    engine = createEngine({
      db,
      clusters,
      source,
      events: new EventBus(),
      rooms: (() => ({})) as unknown as () => EngineRooms,
      settings: { refreshIntervalMs: 60_000, refreshConcurrency: 2, historyLimit: 10, workerConcurrency: 2, workerPollMs: 50, applyConcurrency: 4, holder: "test:1" },
      log: { info: () => {}, error: () => {} },
    });
    await engine.start({ reconcile: false });
  });

  afterEach(async () => {
    await engine.stop();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

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
