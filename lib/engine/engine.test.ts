import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appSpecSchema } from "@/lib/apps/spec";
import type { Principal } from "@/lib/auth/principal";
import type { Database } from "@/lib/db/database";
import { projectSpecSchema, projectUpdateSchema } from "@/lib/projects";
import { ConflictError } from "@/lib/errors";
import type { EventBus } from "@/lib/events/bus";
import type { KubeObject } from "@/lib/types";
import type { Engine } from "./create-engine";
import type { MemoryClusters } from "./testing/memory-cluster";
import { startTestEngine, type ScriptedSource, type TestEngine } from "./testing/test-engine";
import { configMap } from "./testing/objects";

const alice: Principal = { kind: "user", name: "alice", role: "deployer", grants: ["*"], mustChangePassword: false };
const bob: Principal = { kind: "token", name: "token:bob", role: "admin", grants: ["*"], mustChangePassword: false };

describe("the engine, built with test dependencies", () => {
  let db: Database;
  let clusters: MemoryClusters;
  let source: ScriptedSource;
  let engine: Engine;
  let events: EventBus;
  let harness: TestEngine;

  beforeEach(async () => {
    harness = await startTestEngine();
    ({ db, clusters, source, engine, events } = harness);
  });

  afterEach(() => harness.stop());

  async function createApp(name: string, objects: KubeObject[], spec: Record<string, unknown> = {}) {
    source.desired.set(name, objects);
    return engine.apps.create(appSpecSchema.parse({ name, repoUrl: "https://git.example/config.git", path: name, destNamespace: "demo", ...spec }), alice);
  }

  it("queues a sync naming its caller, and the worker applies what drifted", async () => {
    await createApp("web", [configMap("a"), configMap("b")]);
    const progress: unknown[] = [];
    events.subscribe((e) => {
      if (e.event.type === "operation" && e.event.detail?.done !== undefined) progress.push(e.event.detail);
    });
    const queued = await engine.operations.requestSync("web", {}, alice);
    expect(queued).toMatchObject({ phase: "Queued", initiator: "alice", kind: "sync" });
    const done = await engine.operations.waitFor("web", queued.id);
    expect(done).toMatchObject({ phase: "Succeeded", initiator: "alice", resourceCount: 2 });
    expect(done.results.map((r) => [r.name, r.action])).toEqual([
      ["a", "created"],
      ["b", "created"],
    ]);
    expect([...clusters.cache("local").objects.keys()].sort()).toEqual(["ConfigMap/demo/a", "ConfigMap/demo/b"]);
    expect((await engine.apps.get("web")).status.syncStatus).toBe("Synced");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => (p as { total?: number }).total === 2)).toBe(true);
  });

  it("refuses a second request while one is queued, before comparing anything", async () => {
    await createApp("web", [configMap("a")]);
    clusters.cache("local").behaviour = () => "hold";
    const first = await engine.operations.requestSync("web", {}, alice);
    const loads = source.loads.length;
    await expect(engine.operations.requestSync("web", {}, bob)).rejects.toBeInstanceOf(ConflictError);
    await clusters.cache("local").untilApplies(1);
    expect(source.loads.length).toBe(loads + 1);
    await engine.operations.terminate("web", first.id, bob);
    expect((await engine.operations.waitFor("web", first.id)).phase).toBe("Failed");
  });

  it("aborts applies in flight when terminated, naming who terminated", async () => {
    await createApp("web", [configMap("a"), configMap("b"), configMap("c")]);
    clusters.cache("local").behaviour = () => "hold";
    const queued = await engine.operations.requestSync("web", {}, alice);
    await clusters.cache("local").untilApplies(3);
    const terminating = await engine.operations.terminate("web", queued.id, bob);
    expect(terminating.phase).toBe("Terminating");
    const done = await engine.operations.waitFor("web", queued.id);
    expect(done).toMatchObject({ phase: "Failed", message: "terminated by token:bob", terminatedBy: "token:bob" });
    expect(clusters.cache("local").applyAborted.sort()).toEqual(["a", "b", "c"]);
    expect(done.results.every((r) => r.action === "failed" && r.message?.endsWith("terminated by token:bob before the API server answered."))).toBe(true);
    expect(done.log.map((l) => l.message)).toContain("Termination requested by token:bob.");
  });

  it("ends a queued operation without running it when terminated before a worker claims it", async () => {
    await createApp("web", [configMap("a")]);
    await engine.stop();
    const queued = await engine.operations.requestSync("web", {}, alice);
    const ended = await engine.operations.terminate("web", queued.id, bob);
    expect(ended).toMatchObject({ phase: "Failed", message: "terminated by token:bob before it started" });
    expect(clusters.cache("local").applyStarted).toEqual([]);
    expect(await engine.operations.current("web")).toBeUndefined();
  });

  it("refuses to delete an app while its sync runs, keeping the sync's history, and deletes it once asked to terminate first", async () => {
    await createApp("web", [configMap("a")]);
    clusters.cache("local").behaviour = () => "hold";
    const queued = await engine.operations.requestSync("web", {}, alice);
    await clusters.cache("local").untilApplies(1);
    await expect(engine.apps.delete("web", { cascade: false }, bob)).rejects.toBeInstanceOf(ConflictError);
    expect((await engine.operations.list("web")).map((op) => op.id)).toContain(queued.id);
    expect((await engine.operations.get("web", queued.id)).phase).toBe("Running");
    await engine.apps.delete("web", { cascade: false, terminateRunning: true }, bob);
    await expect(engine.apps.get("web")).rejects.toMatchObject({ kind: "not-found" });
  });

  it("queues an automated sync after a refresh finds an automated app out of sync", async () => {
    await createApp("auto", [configMap("a")], { automated: true });
    await expect.poll(async () => (await engine.operations.list("auto")).map((op) => [op.kind, op.initiator, op.phase])).toContainEqual(["auto-sync", "automated", "Succeeded"]);
    expect(clusters.cache("local").objects.has("ConfigMap/demo/a")).toBe(true);
  });

  it("never starts an operation from a read, even of an automated app that drifted", async () => {
    await createApp("manual", [configMap("a")]);
    await db.apps.updateApp("manual", { automated: true });
    const comparison = await engine.apps.comparison("manual", 0);
    expect(comparison.syncStatus).toBe("OutOfSync");
    await engine.drain();
    expect(await engine.operations.list("manual")).toEqual([]);
  });

  it("does not take over another app's object: the sync writes nothing, shows no live body, and both apps warn", async () => {
    await createApp("owner", [configMap("shared", "demo", { data: { from: "owner" } })]);
    await engine.operations.waitFor("owner", (await engine.operations.requestSync("owner", {}, alice)).id);
    await createApp("intruder", [configMap("shared", "demo", { data: { from: "intruder" } }), configMap("own")]);
    const comparison = await engine.apps.comparison("intruder", 0);
    const shared = comparison.resources.find((r) => r.subject === "ConfigMap/demo/shared");
    expect(shared).toMatchObject({ status: "OutOfSync", refusal: { rule: "ownership", message: "ConfigMap/demo/shared exists and is owned by app owner; Lockstep will not take it over." } });
    expect(shared?.live).toBeUndefined();
    expect(shared?.diff).toBe("");
    expect(JSON.stringify(await engine.apps.tree("intruder"))).not.toContain("owner:");

    const done = await engine.operations.waitFor("intruder", (await engine.operations.requestSync("intruder", {}, bob)).id);
    expect(done.phase).toBe("Failed");
    expect(done.message).toContain("1 resource(s) refused, so nothing was applied");
    expect(done.results).toMatchObject([{ subject: "ConfigMap/demo/shared", action: "refused" }]);
    expect(clusters.cache("local").objects.get("ConfigMap/demo/shared")?.data).toEqual({ from: "owner" });
    expect(clusters.cache("local").objects.has("ConfigMap/demo/own")).toBe(false);

    const warnings = async (name: string) => (await engine.apps.comparison(name, 0)).conditions.filter((c) => c.type === "SharedResourceWarning").map((c) => c.message);
    expect(await warnings("intruder")).toEqual(["ConfigMap/demo/shared is also declared by app owner; only the app that owns it may change it."]);
    expect(await warnings("owner")).toEqual(["ConfigMap/demo/shared is also declared by app intruder; only the app that owns it may change it."]);
  });

  it("adopts an unmanaged object only when its manifest says so", async () => {
    const live = clusters.cache("local");
    live.objects.set("ConfigMap/demo/legacy", configMap("legacy"));
    await createApp("careful", [configMap("legacy")]);
    expect((await engine.apps.comparison("careful", 0)).resources[0]?.refusal?.message).toContain("is not managed by Lockstep (unmanaged)");
    await db.apps.updateApp("careful", { path: "adopting" });
    source.desired.set("careful", [configMap("legacy", "demo", { metadata: { name: "legacy", namespace: "demo", annotations: { "lockstep.dev/adopt": "true" } } })]);
    const done = await engine.operations.waitFor("careful", (await engine.operations.requestSync("careful", {}, alice)).id);
    expect(done.phase).toBe("Succeeded");
    expect(live.objects.get("ConfigMap/demo/legacy")?.metadata.annotations?.["lockstep.dev/tracking-id"]).toBe("careful:/ConfigMap:demo/legacy");
  });

  it("refuses what the default project does not permit, writing nothing: a cluster-admin binding and an object in kube-system", async () => {
    const binding: KubeObject = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "everyone-admin" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "Group", name: "system:serviceaccounts:demo" }],
    };
    await createApp("attacker", [binding, configMap("sneaky", "kube-system"), configMap("fine")]);
    const comparison = await engine.apps.comparison("attacker", 0);
    expect(comparison.resources.map((r) => [r.subject, r.refusal?.message])).toEqual([
      ["ClusterRoleBinding.rbac.authorization.k8s.io/everyone-admin", "ClusterRoleBinding is not permitted in project default."],
      ["ConfigMap/kube-system/sneaky", "Namespace kube-system is not a destination of project default (the app deploys to demo)."],
      ["ConfigMap/demo/fine", undefined],
    ]);
    const done = await engine.operations.waitFor("attacker", (await engine.operations.requestSync("attacker", {}, bob)).id);
    expect(done).toMatchObject({ phase: "Failed" });
    expect(done.results.map((r) => r.action)).toEqual(["refused", "refused"]);
    expect(clusters.cache("local").applyStarted).toEqual([]);
  });

  it("compares against a project changed through the engine at once, though comparisons share recent reads of it", async () => {
    await engine.projects.create(projectSpecSchema.parse({ name: "team", sourceRepos: ["*"], appNamespace: true }), bob);
    await createApp("web", [configMap("settings")], { project: "team" });
    await createApp("api", [configMap("settings-api")], { project: "team" });
    expect((await engine.apps.comparison("web", 0)).resources[0]?.refusal).toBeUndefined();
    await engine.projects.update("team", projectUpdateSchema.parse({ namespacedResourcesDeny: [{ group: "", kind: "ConfigMap" }] }), bob);
    for (const app of ["web", "api"]) {
      expect((await engine.apps.comparison(app, 0)).resources[0]?.refusal?.message).toBe("ConfigMap is not permitted in project team.");
    }
    await engine.projects.update("team", projectUpdateSchema.parse({ namespacedResourcesDeny: [] }), bob);
    expect((await engine.apps.comparison("web", 0)).resources[0]?.refusal).toBeUndefined();
  });

  it("holds manual and automated syncs in a closed sync window, and lets an admin sync anyway, noting it", async () => {
    await db.projects.createProject(projectSpecSchema.parse({ name: "quiet", sourceRepos: ["*"], appNamespace: true, syncWindows: [{ kind: "deny", schedule: "* * * * *", duration: "1h" }] }));
    await createApp("frozen", [configMap("a")], { project: "quiet", automated: true });
    await engine.drain();
    expect(await engine.operations.list("frozen")).toEqual([]);
    expect((await engine.apps.syncWindow("frozen")).open).toBe(false);
    await expect(engine.operations.requestSync("frozen", {}, alice)).rejects.toMatchObject({ kind: "refused" });
    await expect(engine.operations.requestSync("frozen", { syncAnyway: true }, alice)).rejects.toThrow(/Only an admin may sync anyway/);
    const forced = await engine.operations.requestSync("frozen", { syncAnyway: true }, bob);
    expect(forced.log.map((l) => l.message).join(" ")).toMatch(/^Sync window overridden by token:bob: /);
    expect((await engine.operations.waitFor("frozen", forced.id)).phase).toBe("Succeeded");
  });
});
