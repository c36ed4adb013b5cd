import { describe, expect, it } from "vitest";

import { parse } from "yaml";

import { runCli } from "./main";
import { fakeServer } from "./testing/fake-server";

const status = { syncStatus: "Synced", healthStatus: "Healthy", revision: "0123456789abcdef", revisionSubject: "Bump", reconciledAt: "2026-11-30T10:00:00.000Z", conditions: [] };
const app = (name: string) => ({ name, project: "default", repoUrl: "https://git.example/c.git", path: "apps/web", targetRevision: "main", destNamespace: "web", automated: true, autoSyncPaused: false, rolledBackTo: null, status });
const row = (name: string) => ({ ...app(name), lastOperation: { kind: "sync", phase: "Succeeded", startedAt: "2026-11-30T10:00:00Z", finishedAt: "2026-11-30T10:00:02Z" } });

describe("app list", () => {
  it("reads every page and prints an aligned table", async () => {
    const { out, context, requests } = fakeServer({
      "GET /api/apps": [
        { status: 200, body: { rows: [row("web")], total: 2, page: 1, pageSize: 200 } },
        { status: 200, body: { rows: [row("api-server")], total: 2, page: 2, pageSize: 200 } },
      ],
    });
    expect(await runCli(["app", "list", "--project", "shop"], context.io, context)).toBe(0);
    expect(requests.map((r) => r.url.search)).toEqual(["?page=1&pageSize=200&project=shop", "?page=2&pageSize=200&project=shop"]);
    expect(out.stdout).toBe(
      [
        "NAME        PROJECT  SYNC    HEALTH   REVISION      AUTO-SYNC  LAST OPERATION",
        "web         default  Synced  Healthy  0123456789ab  on         sync Succeeded",
        "api-server  default  Synced  Healthy  0123456789ab  on         sync Succeeded",
        "",
      ].join("\n"),
    );
    expect(requests[0]!.authorization).toBe("Bearer lsp_test");
  });

  it("prints the API's rows as JSON or YAML", async () => {
    const json = fakeServer({ "GET /api/apps": { status: 200, body: { rows: [row("web")], total: 1, page: 1, pageSize: 200 } } });
    expect(await runCli(["app", "list", "-o", "json"], json.context.io, json.context)).toBe(0);
    expect(JSON.parse(json.out.stdout)).toEqual([row("web")]);
    const yaml = fakeServer({ "GET /api/apps": { status: 200, body: { rows: [row("web")], total: 1, page: 1, pageSize: 200 } } });
    expect(await runCli(["app", "list", "-o", "yaml"], yaml.context.io, yaml.context)).toBe(0);
    expect(parse(yaml.out.stdout)).toEqual([row("web")]);
  });
});

describe("app get", () => {
  it("prints the app's fields and conditions", async () => {
    const withCondition = { ...app("web"), status: { ...status, conditions: [{ type: "SyncError", message: "boom" }] } };
    const { out, context } = fakeServer({ "GET /api/apps/web": { status: 200, body: withCondition } });
    expect(await runCli(["app", "get", "web"], context.io, context)).toBe(0);
    expect(out.stdout).toContain("Revision:        0123456789ab (Bump)\n");
    expect(out.stdout).toContain("Destination:     web\n");
    expect(out.stdout).toContain("Conditions:\n  SyncError: boom\n");
  });
});

describe("app diff", () => {
  it("prints each resource that differs with its diff and exits 0", async () => {
    const diff = {
      syncStatus: "OutOfSync",
      revision: { sha: "0123456789abcdef", subject: "Bump" },
      conditions: [],
      comparedAt: "2026-11-30T10:00:00.000Z",
      resources: [
        { subject: "ConfigMap/web/a", status: "Synced", state: "synced", changedPaths: [], diff: "" },
        { subject: "ConfigMap/web/b", status: "OutOfSync", state: "modified", changedPaths: ["data.x"], diff: "-  x: 1\n+  x: 2\n" },
      ],
    };
    const { out, context, requests } = fakeServer({ "GET /api/apps/web/diff": { status: 200, body: diff } });
    expect(await runCli(["app", "diff", "web", "--refresh"], context.io, context)).toBe(0);
    expect(requests[0]!.url.search).toBe("?refresh=true");
    expect(out.stdout).toBe("web: OutOfSync at 0123456789ab, 1 of 2 resources differ (compared 2026-11-30 10:00:00Z).\n=== ConfigMap/web/b (modified: data.x)\n-  x: 1\n+  x: 2\n");
  });
});

describe("app history", () => {
  it("prints the operations with how long each took", async () => {
    const op = { id: "op1", kind: "sync", phase: "Succeeded", message: null, revision: "0123456789abcdef", initiator: "token:ci", startedAt: "2026-11-30T10:00:00Z", finishedAt: "2026-11-30T10:01:30Z", results: [] };
    const { out, context } = fakeServer({ "GET /api/apps/web/history": { status: 200, body: [op] } });
    expect(await runCli(["app", "history", "web"], context.io, context)).toBe(0);
    expect(out.stdout.split("\n")[1]).toBe("op1  sync  Succeeded  0123456789ab  token:ci   2026-11-30 10:00:00Z  1m30s  -");
  });
});
