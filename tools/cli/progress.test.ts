import { describe, expect, it } from "vitest";

import type { AppJson, OperationJson } from "./api-types";
import { appProgressLines, operationProgressLines } from "./progress";

function operation(fields: Partial<OperationJson>): OperationJson {
  return { id: "op1", kind: "sync", phase: "Running", message: null, revision: "abc", initiator: "token:ci", startedAt: "2026-11-30T00:00:00Z", finishedAt: null, results: [], ...fields };
}

function app(syncStatus: string, healthStatus: string): AppJson {
  return { name: "web", repoUrl: "r", path: ".", targetRevision: "main", destNamespace: "web", status: { syncStatus, healthStatus, revision: null } };
}

describe("operationProgressLines", () => {
  it("prints the phase and every result of the first snapshot", () => {
    const first = operation({ syncPhase: "Sync", results: [{ subject: "ConfigMap/web/a", action: "created" }] });
    expect(operationProgressLines(undefined, first)).toEqual(["sync op1: Running", "  phase Sync", "  created    ConfigMap/web/a"]);
  });

  it("prints each change once: new results, a changed hook state, the end with its message", () => {
    const a = operation({ syncPhase: "PreSync", results: [{ subject: "Job/web/migrate", action: "created", hook: { phase: "PreSync", state: "Running" } }] });
    const b = operation({
      syncPhase: "Sync",
      results: [
        { subject: "Job/web/migrate", action: "created", hook: { phase: "PreSync", state: "Succeeded" } },
        { subject: "Deployment.apps/web/front", action: "configured" },
      ],
    });
    const c = operation({ ...b, phase: "Failed", message: "one resource failed", results: [...b.results, { subject: "Service/web/front", action: "failed", message: "port out of range" }] });
    expect(operationProgressLines(a, b)).toEqual(["  phase Sync", "  hook PreSync Job/web/migrate Succeeded", "  configured Deployment.apps/web/front"]);
    expect(operationProgressLines(b, c)).toEqual(["sync op1: Failed (one resource failed)", "  failed     Service/web/front: port out of range"]);
    expect(operationProgressLines(c, c)).toEqual([]);
  });
});

describe("appProgressLines", () => {
  it("prints the app's state first and then only when sync or health changes", () => {
    expect(appProgressLines(undefined, app("OutOfSync", "Progressing"))).toEqual(["web: OutOfSync, Progressing"]);
    expect(appProgressLines(app("OutOfSync", "Progressing"), app("OutOfSync", "Progressing"))).toEqual([]);
    expect(appProgressLines(app("OutOfSync", "Progressing"), app("Synced", "Healthy"))).toEqual(["web: Synced, Healthy"]);
  });
});
