import { describe, expect, it } from "vitest";
import type { ResourceResult } from "@/lib/db/operations";
import type { KubeObject } from "@/lib/types";
import { executePlan, type ObjectWriter, type ResultSink } from "./execute";
import { planSync } from "./plan";
import { comparisonOf, configMap, deployment } from "./testing/objects";

/** How the scripted cluster reports an object's status when it is read back. */
type Status = (obj: KubeObject, reads: number) => Record<string, unknown> | undefined;

/** A writer that records what it was asked and answers as each object's behaviour says. */
class ScriptedWriter implements ObjectWriter {
  readonly started: string[] = [];
  readonly aborted: string[] = [];
  readonly deleted: string[] = [];
  readonly replaced: string[] = [];
  readonly unvalidated: string[] = [];
  readonly live = new Map<string, KubeObject>();
  private readonly reads = new Map<string, number>();

  constructor(
    private readonly behaviour: (name: string) => "ok" | "fail" | "hang" = () => "ok",
    private readonly status: Status = () => undefined,
  ) {}

  apply(obj: KubeObject, options: { dryRun: boolean; signal: AbortSignal; validate: boolean }): Promise<KubeObject> {
    const name = obj.metadata.name;
    this.started.push(name);
    if (!options.validate) this.unvalidated.push(name);
    const how = this.behaviour(name);
    if (how === "fail") return Promise.reject(Object.assign(new Error(`admission webhook denied ${name}`), { code: 422 }));
    if (how === "ok") {
      const answer = { ...obj, metadata: { ...obj.metadata, uid: `uid-${name}` } };
      if (!options.dryRun) this.live.set(name, answer);
      return Promise.resolve(answer);
    }
    return new Promise((_resolve, reject) => {
      options.signal.addEventListener("abort", () => {
        this.aborted.push(name);
        reject(options.signal.reason);
      });
    });
  }

  replace(obj: KubeObject, options: { dryRun: boolean; signal: AbortSignal; validate: boolean }): Promise<KubeObject> {
    this.replaced.push(obj.metadata.name);
    return this.apply(obj, options);
  }

  delete(obj: KubeObject): Promise<void> {
    this.deleted.push(obj.metadata.name);
    this.live.delete(obj.metadata.name);
    return Promise.resolve();
  }

  get(obj: KubeObject): Promise<KubeObject | undefined> {
    const found = this.live.get(obj.metadata.name);
    if (!found) return Promise.resolve(undefined);
    const reads = (this.reads.get(obj.metadata.name) ?? 0) + 1;
    this.reads.set(obj.metadata.name, reads);
    const status = this.status(found, reads);
    return Promise.resolve(status ? { ...found, status } : found);
  }

  /** Resolves once `count` applies have started. */
  async untilStarted(count: number): Promise<void> {
    while (this.started.length < count) await new Promise((r) => setTimeout(r, 1));
  }
}

class CollectingSink implements ResultSink {
  readonly results: ResourceResult[] = [];
  readonly lines: string[] = [];
  readonly phases: string[] = [];
  note(result: ResourceResult): void {
    this.results.push(result);
  }
  async record(result: ResourceResult): Promise<void> {
    this.results.push(result);
  }
  async update(result: ResourceResult): Promise<void> {
    this.results.push(result);
  }
  async phase(phase: string): Promise<void> {
    this.phases.push(phase);
  }
  async log(message: string): Promise<void> {
    this.lines.push(message);
  }
}

/** Waits that poll at once and never time out, unless a test moves the clock. */
const waits = { timeoutMs: 60_000, pollMs: 1, now: () => 0 };

const actions = (results: ResourceResult[]) => Object.fromEntries(results.map((r) => [r.name, r.action]));

describe("executePlan", () => {
  it("applies what drifted, notes what is synced, and prunes when asked", async () => {
    const comparison = comparisonOf([[configMap("same"), "synced"], [configMap("new"), "missing"], [deployment("web"), "modified"]], [configMap("old")]);
    const writer = new ScriptedWriter();
    const applied: string[] = [];
    const change = await executePlan(planSync(comparison, { dryRun: false, prune: true, resources: [] }), {
      writer,
      sink: new CollectingSink(),
      signal: new AbortController().signal,
      concurrency: 4,
      waits,
      onApplied: (desired, answer) => applied.push(`${desired.metadata.name}:${answer.metadata.uid as string}`),
    });
    expect(change.end).toEqual({ state: "completed" });
    expect(actions(change.results)).toEqual({ same: "unchanged", new: "created", web: "configured", old: "pruned" });
    expect(writer.started.sort()).toEqual(["new", "web"]);
    expect(writer.deleted).toEqual(["old"]);
    expect(applied.sort()).toEqual(["new:uid-new", "web:uid-web"]);
  });

  it("notes prunable objects skipped, and deletes nothing, when pruning is off", async () => {
    const writer = new ScriptedWriter();
    const change = await executePlan(planSync(comparisonOf([], [configMap("old")]), { dryRun: false, prune: false, resources: [] }), {
      writer,
      sink: new CollectingSink(),
      signal: new AbortController().signal,
      concurrency: 4,
      waits,
    });
    expect(change.results).toMatchObject([{ name: "old", action: "skipped", message: "requires pruning; prune is off" }]);
    expect(writer.deleted).toEqual([]);
  });

  it("stops the other applies of a step when one fails, and starts no later step", async () => {
    const comparison = comparisonOf([
      [configMap("a"), "missing"],
      [configMap("bad"), "missing"],
      [configMap("c"), "missing"],
      [deployment("later"), "missing"],
    ]);
    const writer = new ScriptedWriter((name) => (name === "bad" ? "fail" : name === "later" ? "ok" : "hang"));
    const done = executePlan(planSync(comparison, { dryRun: false, prune: true, resources: [] }), {
      writer,
      sink: new CollectingSink(),
      signal: new AbortController().signal,
      concurrency: 8,
      waits,
    });
    const change = await done;
    expect(change.end).toEqual({ state: "failed", subject: "ConfigMap/demo/bad" });
    expect(writer.aborted.sort()).toEqual(["a", "c"]);
    expect(writer.started).not.toContain("later");
    expect(change.results.find((r) => r.name === "bad")?.message).toContain("admission webhook denied bad");
    expect(change.results.find((r) => r.name === "a")?.message).toBe("ConfigMap/demo/a: stopped: ConfigMap/demo/bad failed before the API server answered.");
  });

  it("aborts applies in flight when the operation is terminated, and starts nothing more", async () => {
    const comparison = comparisonOf([[configMap("a"), "missing"], [configMap("b"), "missing"], [deployment("later"), "missing"]], [configMap("old")]);
    const writer = new ScriptedWriter(() => "hang");
    const operation = new AbortController();
    const done = executePlan(planSync(comparison, { dryRun: false, prune: true, resources: [] }), {
      writer,
      sink: new CollectingSink(),
      signal: operation.signal,
      concurrency: 8,
      waits,
    });
    await writer.untilStarted(2);
    operation.abort(new Error("terminated by alice"));
    const change = await done;
    expect(change.end).toEqual({ state: "terminated", reason: "terminated by alice" });
    expect(writer.aborted.sort()).toEqual(["a", "b"]);
    expect(writer.started).not.toContain("later");
    expect(writer.deleted).toEqual([]);
    expect(change.results.map((r) => r.message)).toEqual([
      "ConfigMap/demo/a: terminated by alice before the API server answered.",
      "ConfigMap/demo/b: terminated by alice before the API server answered.",
    ]);
  });

  it("marks results of a dry run and feeds no cache", async () => {
    const applied: string[] = [];
    const change = await executePlan(planSync(comparisonOf([[configMap("a"), "missing"]]), { dryRun: true, prune: true, resources: [] }), {
      writer: new ScriptedWriter(),
      sink: new CollectingSink(),
      signal: new AbortController().signal,
      concurrency: 1,
      waits,
      onApplied: (desired) => applied.push(desired.metadata.name),
    });
    expect(change.results).toMatchObject([{ name: "a", action: "created", message: "dry run" }]);
    expect(applied).toEqual([]);
  });
});

/** A Job, as a hook of the given phase(s) when `hook` is set. */
function job(name: string, hook?: string, extra: Record<string, string> = {}): KubeObject {
  const annotations = { ...(hook ? { "argocd.argoproj.io/hook": hook } : {}), ...extra };
  return { apiVersion: "batch/v1", kind: "Job", metadata: { name, namespace: "demo", annotations }, spec: {} };
}

/** Jobs complete on their second read (or fail, when named `bad…`); other objects have no status. */
const jobsFinish: Status = (obj, reads) => {
  if (obj.kind !== "Job" || reads < 2) return undefined;
  const type = obj.metadata.name.startsWith("bad") ? "Failed" : "Complete";
  return { conditions: [{ type, status: "True", message: `${type} by the test` }] };
};

const run = (writer: ScriptedWriter, sink = new CollectingSink(), more: Partial<Parameters<typeof executePlan>[1]> = {}) => ({
  writer,
  sink,
  signal: new AbortController().signal,
  concurrency: 4,
  waits,
  ...more,
});

describe("executePlan with hooks and waves", () => {
  it("runs PreSync hooks, then the resources, then PostSync hooks, each hook to its end, deleting by policy", async () => {
    const comparison = comparisonOf([
      [job("migrate", "PreSync", { "argocd.argoproj.io/hook-delete-policy": "HookSucceeded" }), "missing"],
      [configMap("settings"), "missing"],
      [job("smoke", "PostSync"), "missing"],
    ]);
    const writer = new ScriptedWriter(() => "ok", jobsFinish);
    const sink = new CollectingSink();
    const change = await executePlan(planSync(comparison, { dryRun: false, prune: true, resources: [] }), run(writer, sink));
    expect(change.end).toEqual({ state: "completed" });
    expect(writer.started).toEqual(["migrate", "settings", "smoke"]);
    expect(sink.phases).toEqual(["PreSync", "Sync", "PostSync"]);
    expect(change.results.map((r) => [r.name, r.action, r.hook?.state])).toEqual([
      ["migrate", "created", "Succeeded"],
      ["settings", "created", undefined],
      ["smoke", "created", "Succeeded"],
    ]);
    expect(writer.deleted).toEqual(["migrate", "smoke"]);
    expect(writer.live.has("migrate")).toBe(false);
    expect(writer.live.has("smoke")).toBe(true);
  });

  it("stops at a failed PreSync hook, applies nothing of the Sync phase, and runs the SyncFail hooks", async () => {
    const comparison = comparisonOf([
      [job("bad-migrate", "PreSync", { "argocd.argoproj.io/hook-delete-policy": "HookFailed" }), "missing"],
      [configMap("settings"), "missing"],
      [job("report", "SyncFail"), "missing"],
    ]);
    const writer = new ScriptedWriter(() => "ok", jobsFinish);
    const sink = new CollectingSink();
    const change = await executePlan(planSync(comparison, { dryRun: false, prune: true, resources: [] }), run(writer, sink));
    expect(change.end).toMatchObject({ state: "failed", subject: "Job.batch/demo/bad-migrate", reason: "PreSync hook Job.batch/demo/bad-migrate failed: Failed by the test." });
    expect(writer.started).toEqual(["bad-migrate", "report"]);
    expect(sink.phases).toEqual(["PreSync", "SyncFail"]);
    expect(change.results.find((r) => r.name === "bad-migrate")).toMatchObject({ action: "failed", hook: { phase: "PreSync", state: "Failed" } });
    expect(writer.live.has("bad-migrate")).toBe(false);
  });

  it("runs SyncFail hooks when an apply of the Sync phase fails", async () => {
    const comparison = comparisonOf([[configMap("rejected"), "missing"], [job("report", "SyncFail"), "missing"]]);
    const writer = new ScriptedWriter((name) => (name === "rejected" ? "fail" : "ok"), jobsFinish);
    const change = await executePlan(planSync(comparison, { dryRun: false, prune: true, resources: [] }), run(writer));
    expect(change.end).toMatchObject({ state: "failed", subject: "ConfigMap/demo/rejected" });
    expect(change.results.find((r) => r.name === "report")?.hook).toEqual({ phase: "SyncFail", state: "Succeeded" });
  });

  it("starts a wave only once the previous wave is healthy", async () => {
    const comparison = comparisonOf([[deployment("db", "demo", 0), "missing"], [configMap("later", "demo", { metadata: { name: "later", namespace: "demo", annotations: { "argocd.argoproj.io/sync-wave": "1" } } }), "missing"]]);
    const readsBeforeLater: number[] = [];
    let dbReads = 0;
    const available = (obj: KubeObject, reads: number) => {
      if (obj.kind !== "Deployment") return undefined;
      dbReads = reads;
      const ready = reads >= 3;
      return { observedGeneration: 1, replicas: 1, updatedReplicas: ready ? 1 : 0, availableReplicas: ready ? 1 : 0, readyReplicas: ready ? 1 : 0 };
    };
    const writer = new ScriptedWriter(() => "ok", available);
    const apply = writer.apply.bind(writer);
    writer.apply = (obj, options) => {
      if (obj.metadata.name === "later") readsBeforeLater.push(dbReads);
      return apply(obj, options);
    };
    const change = await executePlan(planSync(comparison, { dryRun: false, prune: true, resources: [] }), run(writer));
    expect(change.end).toEqual({ state: "completed" });
    expect(readsBeforeLater).toEqual([3]);
  });

  it("fails when the operation's deadline passes while a wave is not healthy, and starts no later wave", async () => {
    const comparison = comparisonOf([[deployment("stuck", "demo", 0), "missing"], [deployment("later", "demo", 1), "missing"]]);
    const neverReady = (obj: KubeObject) => (obj.kind === "Deployment" ? { observedGeneration: 1, replicas: 1, updatedReplicas: 0, availableReplicas: 0 } : undefined);
    let clock = 0;
    const writer = new ScriptedWriter(() => "ok", (obj) => {
      clock += 1_000;
      return neverReady(obj);
    });
    const change = await executePlan(planSync(comparison, { dryRun: false, prune: true, resources: [] }), run(writer, new CollectingSink(), { waits: { timeoutMs: 5_000, pollMs: 1, now: () => clock } }));
    expect(change.end).toMatchObject({ state: "failed", subject: "Deployment.apps/demo/stuck" });
    expect(change.end.state === "failed" && change.end.reason).toMatch(/^The sync timed out after 5 s waiting for wave 0 of Sync: Deployment.apps\/demo\/stuck is Progressing/);
    expect(writer.started).toEqual(["stuck"]);
  });

  it("deletes a hook left by an earlier sync before creating it again (BeforeHookCreation, the default)", async () => {
    const writer = new ScriptedWriter(() => "ok", jobsFinish);
    writer.live.set("migrate", job("migrate", "PreSync"));
    const change = await executePlan(planSync(comparisonOf([[job("migrate", "PreSync"), "missing"]]), { dryRun: false, prune: true, resources: [] }), run(writer));
    expect(change.end).toEqual({ state: "completed" });
    expect(writer.deleted).toEqual(["migrate"]);
    expect(writer.started).toEqual(["migrate"]);
  });

  it("replaces Replace=true objects, applies Validate=false ones without validation, keeps Prune=false ones and prunes PruneLast ones last", async () => {
    const marked = (name: string, options: string) => configMap(name, "demo", { metadata: { name, namespace: "demo", annotations: { "argocd.argoproj.io/sync-options": options } } });
    const comparison = comparisonOf(
      [[marked("replaced", "Replace=true"), "modified"], [marked("loose", "Validate=false"), "missing"]],
      [marked("last", "PruneLast=true"), configMap("old"), marked("kept", "Prune=false")],
    );
    const writer = new ScriptedWriter();
    const change = await executePlan(planSync(comparison, { dryRun: false, prune: true, resources: [] }), run(writer));
    expect(writer.replaced).toEqual(["replaced"]);
    expect(writer.unvalidated).toEqual(["loose"]);
    expect(writer.deleted).toEqual(["old", "last"]);
    expect(change.results.find((r) => r.name === "kept")).toMatchObject({ action: "skipped", message: "requires pruning; Prune=false" });
  });
});
