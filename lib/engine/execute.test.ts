import { describe, expect, it } from "vitest";
import type { ResourceResult } from "@/lib/db/operations";
import type { KubeObject } from "@/lib/types";
import { executePlan, type ObjectWriter, type ResultSink } from "./execute";
import { planSync } from "./plan";
import { comparisonOf, configMap, deployment } from "./testing/objects";

/** A writer that records what it was asked and answers as each object's behaviour says. */
class ScriptedWriter implements ObjectWriter {
  readonly started: string[] = [];
  readonly aborted: string[] = [];
  readonly deleted: string[] = [];
  private readonly waiting = new Map<string, () => void>();

  constructor(private readonly behaviour: (name: string) => "ok" | "fail" | "hang" = () => "ok") {}

  apply(obj: KubeObject, options: { dryRun: boolean; signal: AbortSignal }): Promise<KubeObject> {
    const name = obj.metadata.name;
    this.started.push(name);
    const how = this.behaviour(name);
    if (how === "fail") return Promise.reject(Object.assign(new Error(`admission webhook denied ${name}`), { code: 422 }));
    if (how === "ok") return Promise.resolve({ ...obj, metadata: { ...obj.metadata, uid: `uid-${name}` } });
    return new Promise((resolve, reject) => {
      this.waiting.set(name, () => resolve(obj));
      options.signal.addEventListener("abort", () => {
        this.aborted.push(name);
        reject(options.signal.reason);
      });
    });
  }

  delete(obj: KubeObject): Promise<void> {
    this.deleted.push(obj.metadata.name);
    return Promise.resolve();
  }

  /** Resolves once `count` applies have started. */
  async untilStarted(count: number): Promise<void> {
    while (this.started.length < count) await new Promise((r) => setTimeout(r, 1));
  }
}

class CollectingSink implements ResultSink {
  readonly results: ResourceResult[] = [];
  readonly lines: string[] = [];
  note(result: ResourceResult): void {
    this.results.push(result);
  }
  async record(result: ResourceResult): Promise<void> {
    this.results.push(result);
  }
  async log(message: string): Promise<void> {
    this.lines.push(message);
  }
}

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
      onApplied: (desired) => applied.push(desired.metadata.name),
    });
    expect(change.results).toMatchObject([{ name: "a", action: "created", message: "dry run" }]);
    expect(applied).toEqual([]);
  });
});
