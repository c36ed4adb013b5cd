import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appSpecSchema } from "@/lib/apps/spec";
import type { Principal } from "@/lib/auth/principal";
import { parseExposition, samplesOf, valueOf } from "@/test/helpers/exposition";
import { startTestEngine, type TestEngine } from "./testing/test-engine";
import { configMap } from "./testing/objects";

const alice: Principal = { kind: "user", name: "alice", role: "deployer", grants: ["*"], mustChangePassword: false };

describe("the engine's metrics", () => {
  let harness: TestEngine;

  beforeEach(async () => {
    harness = await startTestEngine();
  });

  afterEach(() => harness.stop());

  async function scrape() {
    return parseExposition((await harness.engine.scrapeMetrics()).body);
  }

  it("count a sync by kind and phase, its comparisons, and show the app's status as it is now", async () => {
    const { engine, source } = harness;
    source.desired.set("web", [configMap("a")]);
    await engine.apps.create(appSpecSchema.parse({ name: "web", repoUrl: "https://git.example/config.git", path: "web", destNamespace: "demo" }), alice);
    const queued = await engine.operations.requestSync("web", {}, alice);
    expect((await engine.operations.waitFor("web", queued.id)).phase).toBe("Succeeded");
    await engine.drain();

    const exposition = await scrape();
    expect(valueOf(exposition, "lockstep_operations_total", { kind: "sync", phase: "Succeeded" })).toBe(1);
    expect(valueOf(exposition, "lockstep_operation_duration_seconds_count", { kind: "sync", phase: "Succeeded" })).toBe(1);
    expect(valueOf(exposition, "lockstep_reconciles_total", { trigger: "operation", result: "success" })).toBeGreaterThanOrEqual(1);
    expect(samplesOf(exposition, "lockstep_app_info")).toEqual([
      {
        name: "lockstep_app_info",
        labels: { app: "web", project: "default", cluster: "local", namespace: "demo", sync_status: "Synced", health_status: "Healthy", repo: "https://git.example/config.git" },
        value: 1,
      },
    ]);
  });

  it("count a terminated sync as Terminated, not as a failure", async () => {
    const { engine, source, clusters } = harness;
    source.desired.set("web", [configMap("a")]);
    await engine.apps.create(appSpecSchema.parse({ name: "web", repoUrl: "https://git.example/config.git", path: "web", destNamespace: "demo" }), alice);
    clusters.cache("local").behaviour = () => "hold";
    const queued = await engine.operations.requestSync("web", {}, alice);
    await clusters.cache("local").untilApplies(1);
    await engine.operations.terminate("web", queued.id, alice);
    await engine.operations.waitFor("web", queued.id);
    await engine.drain();

    const exposition = await scrape();
    expect(valueOf(exposition, "lockstep_operations_total", { kind: "sync", phase: "Terminated" })).toBe(1);
    expect(valueOf(exposition, "lockstep_operations_total", { kind: "sync", phase: "Failed" })).toBe(0);
  });
});
