import { describe, expect, it } from "vitest";
import type { AppRecord } from "@/lib/db/apps";
import type { PipelineRecord } from "@/lib/db/pipelines";
import { pipelineView } from "./status";
import { pipelineBodySchema } from "./schema";

const app = (name: string, health: string) => ({ name, path: `overlays/${name}`, project: "default", status: { syncStatus: "Synced", healthStatus: health, revision: "abc", revisionSubject: "Bump" } }) as unknown as AppRecord;
const pipeline: PipelineRecord = { service: "web", stages: pipelineBodySchema.parse({ stages: [{ name: "dev", app: "web-dev" }, { name: "prod", app: "web-prod", path: "prod-overlay" }] }).stages, createdAt: new Date(0), updatedAt: new Date(0) };
const live = [{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { template: { spec: { containers: [{ name: "web", image: "web:2" }] } } } }];

describe("pipelineView", () => {
  it("shows each stage's app state, overlay and live images, and never offers to promote from the last stage", () => {
    const view = pipelineView(pipeline, [{ app: app("web-dev", "Healthy"), live, operationRunning: false }, { app: app("web-prod", "Healthy"), live, operationRunning: false }], []);
    expect(view.stages.map((s) => [s.name, s.overlay, s.promotable, s.images.map((i) => i.reference)])).toEqual([
      ["dev", "overlays/web-dev", true, ["web:2"]],
      ["prod", "prod-overlay", false, ["web:2"]],
    ]);
  });

  it("marks a missing app and a busy or unhealthy source as not promotable", () => {
    const missing = pipelineView(pipeline, [{ app: undefined, live: [], operationRunning: false }], []);
    expect(missing.stages[0]).toMatchObject({ exists: false, syncStatus: "Unknown", promotable: false });
    expect(pipelineView(pipeline, [{ app: app("web-dev", "Healthy"), live, operationRunning: true }], []).stages[0]!.promotable).toBe(false);
    expect(pipelineView(pipeline, [{ app: app("web-dev", "Degraded"), live, operationRunning: false }], []).stages[0]!.promotable).toBe(false);
  });
});
