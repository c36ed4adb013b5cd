import { describe, expect, it } from "vitest";
import type { DeliveryHistoryRow } from "@/lib/db/operations";
import { createInsightsReader, toDeliveryRecord } from "./reader";

const row = (fields: Partial<DeliveryHistoryRow> = {}): DeliveryHistoryRow => ({
  id: "op-1",
  appId: "id-web",
  kind: "sync",
  phase: "Succeeded",
  dryRun: false,
  request: "{}",
  revision: "a",
  revisionCommittedAt: new Date("2026-11-01T00:00:00Z"),
  startedAt: new Date("2026-11-01T01:00:00Z"),
  finishedAt: new Date("2026-11-01T01:01:00Z"),
  healthAfter: "Healthy",
  message: null,
  ...fields,
});

describe("toDeliveryRecord", () => {
  it("reads a selective sync from the stored request and keeps known health values only", () => {
    const app = { name: "web", project: "team-a" };
    expect(toDeliveryRecord(row({ request: '{"resources":["ConfigMap/ns/a"]}' }), app)).toMatchObject({ app: "web", project: "team-a", selective: true, healthAfter: "Healthy" });
    expect(toDeliveryRecord(row({ request: "{}", healthAfter: "Sideways" }), app)).toMatchObject({ selective: false, healthAfter: null });
    expect(toDeliveryRecord(row({ request: "not json" }), app).selective).toBe(false);
  });
});

describe("createInsightsReader", () => {
  const apps = [
    { id: "id-web", name: "web", project: "team-a", repoUrl: "", targetRevision: "HEAD", refreshSeconds: null },
    { id: "id-api", name: "api", project: "team-b", repoUrl: "", targetRevision: "HEAD", refreshSeconds: null },
  ];
  const asked: (readonly string[] | undefined)[] = [];
  const db = {
    appSources: { listAppSources: async () => apps },
    operations: {
      listDeliveryHistory: async (ids?: readonly string[]) => {
        asked.push(ids);
        return [row(), row({ id: "op-2", appId: "id-api" })].filter((r) => !ids || ids.includes(r.appId));
      },
    },
  } as unknown as Parameters<typeof createInsightsReader>[0]["db"];
  const reader = createInsightsReader({ db, now: () => new Date("2026-11-02T00:00:00Z") });

  it("reads only the history of the apps the caller sees, and lists only those apps", async () => {
    const report = await reader.report({ days: 7, canSee: (app) => app === "web" });
    expect(asked.at(-1)).toEqual(["id-web"]);
    expect(report.summary.deployments).toBe(1);
    expect(report.choices).toEqual({ apps: ["web"], projects: ["team-a"] });
  });

  it("reads every app's history in one query when the caller sees all and filters nothing", async () => {
    const report = await reader.report({ days: 7 });
    expect(asked.at(-1)).toBeUndefined();
    expect(report.apps.map((a) => [a.app, a.deployments])).toEqual([
      ["api", 1],
      ["web", 1],
    ]);
  });
});
