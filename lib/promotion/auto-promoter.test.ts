import { describe, expect, it } from "vitest";
import type { AppRecord } from "@/lib/db/apps";
import type { PipelineRecord } from "@/lib/db/pipelines";
import type { KubeObject } from "@/lib/types";
import { createAutoPromoter, type AutoPromoterDependencies } from "./auto-promoter";
import { pipelineBodySchema } from "./schema";

const deployment = (tag: string): KubeObject => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { template: { spec: { containers: [{ name: "web", image: `web:${tag}` }] } } } });

function harness(options: { owns?: boolean } = {}) {
  const stages = pipelineBodySchema.parse({ stages: [{ name: "dev", app: "web-dev" }, { name: "staging", app: "web-staging", autoPromotion: { soakSeconds: 3 } }] }).stages;
  const pipeline: PipelineRecord = { service: "web", stages, createdAt: new Date(0), updatedAt: new Date(0) };
  const clock = { time: 0, now: () => clock.time };
  const state = { health: "Healthy", tag: "2" };
  const promoted: string[] = [];
  const recorded = new Set<string>();
  const deps = {
    db: {
      apps: { getApp: async (name: string) => ({ id: name, name, status: { syncStatus: "Synced", healthStatus: state.health } }) as unknown as AppRecord },
      operations: { isOperationRunning: async () => false },
      pipelines: { listPipelines: async () => [pipeline], hasPromotion: async (_s: string, _t: string, key: string) => recorded.has(key) },
    },
    promoter: {
      promote: async (_service: string, from: string) => {
        promoted.push(`${from}@${clock.time}`);
        recorded.add(`web:${state.tag}`);
        return { id: "p", state: "committed" };
      },
    },
    liveObjects: async () => [deployment(state.tag)],
    owns: () => options.owns ?? true,
    clock,
    log: { info: () => {}, error: () => {} },
  } as unknown as AutoPromoterDependencies;
  return { auto: createAutoPromoter(deps), clock, state, promoted };
}

describe("the automatic promoter", () => {
  it("promotes once the source has run the same images, healthy, for the soak time, and only once for them", async () => {
    const { auto, clock, promoted } = harness();
    await auto.tick();
    clock.time = 2_999;
    await auto.tick();
    expect(promoted).toEqual([]);
    clock.time = 3_000;
    await auto.tick();
    clock.time = 10_000;
    await auto.tick();
    expect(promoted).toEqual(["dev@3000"]);
  });

  it("starts the soak again when the source runs new images or stops being healthy", async () => {
    const { auto, clock, state, promoted } = harness();
    await auto.tick();
    clock.time = 2_000;
    state.tag = "3";
    await auto.tick();
    clock.time = 4_000;
    state.health = "Progressing";
    await auto.tick();
    clock.time = 5_000;
    state.health = "Healthy";
    await auto.tick();
    clock.time = 7_999;
    await auto.tick();
    expect(promoted).toEqual([]);
    clock.time = 8_000;
    await auto.tick();
    expect(promoted).toEqual(["dev@8000"]);
  });

  it("leaves the decision to the replica that owns the target app", async () => {
    const { auto, clock, promoted } = harness({ owns: false });
    await auto.tick();
    clock.time = 60_000;
    await auto.tick();
    expect(promoted).toEqual([]);
  });
});
