import { describe, expect, it } from "vitest";
import type { OutOfSyncStatus } from "@/lib/db/drift";
import { driftCsv } from "./drift-csv";
import { buildDriftReport } from "./report";

const row = (name: string, driftSince: string | undefined, extra: Record<string, unknown> = {}) => ({
  subject: `Deployment.apps/ns/${name}`,
  kind: "Deployment",
  namespace: "ns",
  name,
  status: "OutOfSync",
  state: "modified",
  changedPaths: ["spec.replicas"],
  ...(driftSince ? { driftSince } : {}),
  ...extra,
});

const statuses: OutOfSyncStatus[] = [
  {
    appName: "shop",
    destNamespace: "ns",
    project: "retail",
    resources: [
      row("new", "2026-11-26T10:00:00.000Z", { changes: [{ path: "spec.replicas", manager: "kubectl", subresource: "scale" }] }),
      { ...row("fine", undefined), status: "Synced", state: "synced" },
    ],
  },
  { appName: "blog", destNamespace: "web", project: "default", resources: [row("old", "2026-11-26T08:00:00.000Z", { namespace: "web" }), row("unknown", undefined)] },
];

describe("buildDriftReport", () => {
  it("lists out-of-sync resources only, oldest drift first, unknown times last", () => {
    const report = buildDriftReport(statuses);
    expect(report.entries.map((e) => e.name)).toEqual(["old", "new", "unknown"]);
  });

  it("falls back to the changed paths when a row has no attribution", () => {
    const report = buildDriftReport(statuses);
    expect(report.entries.find((e) => e.name === "old")?.changes).toEqual([{ path: "spec.replicas" }]);
  });

  it("filters by app and namespace, and offers every app and namespace with drift", () => {
    expect(buildDriftReport(statuses, { app: "shop" }).entries.map((e) => e.name)).toEqual(["new"]);
    expect(buildDriftReport(statuses, { namespace: "web" }).entries.map((e) => e.name)).toEqual(["old"]);
    const report = buildDriftReport(statuses, { app: "shop" });
    expect(report.apps).toEqual(["blog", "shop"]);
    expect(report.namespaces).toEqual(["ns", "web"]);
  });

  it("filters by the app's project, and offers every project with drift", () => {
    const report = buildDriftReport(statuses, { project: "retail" });
    expect(report.entries.map((e) => [e.app, e.project, e.name])).toEqual([["shop", "retail", "new"]]);
    expect(report.projects).toEqual(["default", "retail"]);
  });

  it("hides apps the caller may not see", () => {
    const report = buildDriftReport(statuses, { canSee: (app) => app === "blog" });
    expect(report.apps).toEqual(["blog"]);
    expect(report.entries.every((e) => e.app === "blog")).toBe(true);
  });
});

describe("driftCsv", () => {
  it("writes one row per changed field with its manager", () => {
    const csv = driftCsv(buildDriftReport(statuses, { app: "shop" }).entries);
    expect(csv.split("\r\n")[0]).toBe("app,kind,namespace,name,state,drift_since,field,manager,changed_at");
    expect(csv).toContain("shop,Deployment,ns,new,modified,2026-11-26T10:00:00.000Z,spec.replicas,kubectl,");
  });
});

describe("refused resources in the drift report", () => {
  it("are shown as refused with the rule's sentence", () => {
    const report = buildDriftReport([
      {
        appName: "web",
        resources: [
          { subject: "ConfigMap/demo/shared", kind: "ConfigMap", namespace: "demo", name: "shared", status: "OutOfSync", state: "missing", changedPaths: [], refusal: { rule: "ownership", message: "ConfigMap/demo/shared exists and is owned by app billing; Lockstep will not take it over." } },
        ],
      } as unknown as OutOfSyncStatus,
    ]);
    expect(report.entries).toMatchObject([{ app: "web", state: "refused", refusal: "ConfigMap/demo/shared exists and is owned by app billing; Lockstep will not take it over." }]);
  });
});
