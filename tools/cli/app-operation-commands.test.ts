import { describe, expect, it } from "vitest";

import type { OperationJson } from "./api-types";
import { runCli } from "./main";
import { fakeServer } from "./testing/fake-server";

function op(fields: Partial<OperationJson>): OperationJson {
  return { id: "op1", kind: "sync", phase: "Queued", message: null, revision: "abc", initiator: "token:ci", startedAt: "2026-11-30T00:00:00Z", finishedAt: null, results: [], ...fields };
}

const appWith = (healthStatus: string) => ({ status: 200, body: { name: "web", status: { syncStatus: "Synced", healthStatus, revision: "abc" } } });

describe("app sync", () => {
  it("posts the options, with resources as subjects, and exits 0 once queued", async () => {
    const { out, context, requests } = fakeServer({ "POST /api/apps/web/sync": { status: 202, body: op({}) } });
    expect(await runCli(["app", "sync", "web", "--prune", "--dry-run", "--resource", "apps/Deployment/web/front", "--resource", "/ConfigMap/web/settings"], context.io, context)).toBe(0);
    expect(requests[0]!.body).toEqual({ dryRun: true, prune: true, resources: ["Deployment.apps/web/front", "ConfigMap/web/settings"] });
    expect(out.stdout).toContain("sync of web queued as operation op1");
  });

  it("prints progress as it happens and exits 0 when the sync succeeded and the app is healthy", async () => {
    const { out, context } = fakeServer({
      "POST /api/apps/web/sync": { status: 202, body: op({}) },
      "GET /api/apps/web/operations/op1": [
        { status: 200, body: op({ phase: "Running", syncPhase: "Sync", results: [{ subject: "ConfigMap/web/a", action: "created" }] }) },
        { status: 200, body: op({ phase: "Succeeded", syncPhase: "Sync", message: "successfully synced", results: [{ subject: "ConfigMap/web/a", action: "created" }] }) },
      ],
      "GET /api/apps/web": appWith("Healthy"),
    });
    expect(await runCli(["app", "sync", "web", "--wait"], context.io, context)).toBe(0);
    expect(out.stdout).toBe(
      ["sync op1: Queued", "sync op1: Running", "  phase Sync", "  created    ConfigMap/web/a", "sync op1: Succeeded (successfully synced)", "sync op1 of web Succeeded: successfully synced. The app is Healthy.", ""].join("\n"),
    );
  });

  it("exits 1 when the sync failed and 3 when it succeeded but the app is Degraded", async () => {
    const failed = fakeServer({ "POST /api/apps/web/sync": { status: 202, body: op({}) }, "GET /api/apps/web/operations/op1": { status: 200, body: op({ phase: "Failed", message: "one resource failed" }) } });
    expect(await runCli(["app", "sync", "web", "--wait"], failed.context.io, failed.context)).toBe(1);
    const degraded = fakeServer({ "POST /api/apps/web/sync": { status: 202, body: op({}) }, "GET /api/apps/web/operations/op1": { status: 200, body: op({ phase: "Succeeded" }) }, "GET /api/apps/web": appWith("Degraded") });
    expect(await runCli(["app", "sync", "web", "--wait"], degraded.context.io, degraded.context)).toBe(3);
  });

  it("exits 4 when the wait runs out, saying the operation goes on, with JSON on stdout kept clean", async () => {
    const { out, context } = fakeServer({ "POST /api/apps/web/sync": { status: 202, body: op({}) }, "GET /api/apps/web/operations/op1": { status: 200, body: op({ phase: "Running" }) } });
    expect(await runCli(["app", "sync", "web", "--wait", "--timeout", "3s", "-o", "json"], context.io, context)).toBe(4);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("lockstep app sync: Timed out after 3s waiting for sync op1 of web (still Running); it goes on on the server.\n");
  });

  it("exits 1 with the server's sentence when another operation holds the app", async () => {
    const { out, context } = fakeServer({ "POST /api/apps/web/sync": { status: 409, body: { error: "An operation is already running on web." } } });
    expect(await runCli(["app", "sync", "web"], context.io, context)).toBe(1);
    expect(out.stderr).toBe("lockstep app sync: An operation is already running on web.\n");
  });

  it.each([
    [["web", "--resource", "Deployment/web/front"], /^lockstep app sync: --resource must be group\/kind\/namespace\/name/],
    [["web", "--timeout", "5m"], /^lockstep app sync: --timeout is only for --wait\./],
    [["web", "other"], /^lockstep app sync: app sync takes <name> and nothing else\./],
  ])("refuses %j with exit code 2", async (args, message) => {
    const { out, context } = fakeServer({});
    expect(await runCli(["app", "sync", ...args], context.io, context)).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});

describe("app rollback", () => {
  it("rolls back, waits, then commits it and prints the commit with --commit", async () => {
    const { out, context, requests } = fakeServer({
      "POST /api/apps/web/rollback": { status: 202, body: op({ kind: "rollback", id: "op9" }) },
      "GET /api/apps/web/operations/op9": { status: 200, body: op({ kind: "rollback", id: "op9", phase: "Succeeded" }) },
      "GET /api/apps/web": appWith("Healthy"),
      "POST /api/apps/web/rollback/commit": { status: 201, body: { commit: "fedcba9876543210", historyId: 7, message: "Make rollback permanent" } },
    });
    expect(await runCli(["app", "rollback", "web", "op2", "--commit"], context.io, context)).toBe(0);
    expect(requests.find((r) => r.url.pathname.endsWith("/rollback"))!.body).toEqual({ operationId: "op2" });
    expect(out.stdout).toContain("rollback op9 of web Succeeded. The app is Healthy.\nCommitted fedcba987654 (history entry 7): Make rollback permanent\n");
  });

  it("commits nothing when the rollback failed", async () => {
    const { out, context, requests } = fakeServer({
      "POST /api/apps/web/rollback": { status: 202, body: op({ kind: "rollback", id: "op9" }) },
      "GET /api/apps/web/operations/op9": { status: 200, body: op({ kind: "rollback", id: "op9", phase: "Failed", message: "refused" }) },
    });
    expect(await runCli(["app", "rollback", "web", "op2", "--commit"], context.io, context)).toBe(1);
    expect(requests.some((r) => r.url.pathname.endsWith("/commit"))).toBe(false);
    expect(out.stderr).toContain("The rollback did not succeed, so nothing was committed.");
  });

  it("exits 1 with the server's sentence when the project forbids the commit", async () => {
    const { out, context } = fakeServer({
      "POST /api/apps/web/rollback": { status: 200, body: op({ kind: "rollback", id: "op9", phase: "Succeeded" }) },
      "GET /api/apps/web": appWith("Healthy"),
      "POST /api/apps/web/rollback/commit": { status: 403, body: { error: "The project shop forbids committing rollbacks." } },
    });
    expect(await runCli(["app", "rollback", "web", "op2", "--commit", "-o", "json"], context.io, context)).toBe(1);
    expect(out.stderr).toContain("lockstep app rollback: The project shop forbids committing rollbacks.\n");
  });
});

describe("app terminate", () => {
  it("terminates the app's active operation", async () => {
    const { out, context, requests } = fakeServer({
      "GET /api/apps/web/history": { status: 200, body: [op({ id: "op3", phase: "Running" }), op({ id: "op2", phase: "Succeeded" })] },
      "POST /api/apps/web/operations/op3/terminate": { status: 200, body: op({ id: "op3", phase: "Terminating" }) },
    });
    expect(await runCli(["app", "terminate", "web"], context.io, context)).toBe(0);
    expect(requests.at(-1)!.method).toBe("POST");
    expect(out.stdout).toBe("sync op3 of web is Terminating; it stops before its next resource.\n");
  });

  it("exits 1 when nothing runs", async () => {
    const { out, context } = fakeServer({ "GET /api/apps/web/history": { status: 200, body: [op({ phase: "Succeeded" })] } });
    expect(await runCli(["app", "terminate", "web"], context.io, context)).toBe(1);
    expect(out.stderr).toBe("lockstep app terminate: web has no queued or running operation to terminate.\n");
  });
});

describe("app wait", () => {
  it("prints each change and exits 0 once healthy and synced", async () => {
    const { out, context } = fakeServer({
      "GET /api/apps/web": [
        { status: 200, body: { name: "web", status: { syncStatus: "OutOfSync", healthStatus: "Progressing" } } },
        { status: 200, body: { name: "web", status: { syncStatus: "OutOfSync", healthStatus: "Progressing" } } },
        { status: 200, body: { name: "web", status: { syncStatus: "Synced", healthStatus: "Healthy" } } },
      ],
    });
    expect(await runCli(["app", "wait", "web"], context.io, context)).toBe(0);
    expect(out.stdout).toBe("web: OutOfSync, Progressing\nweb: Synced, Healthy\n");
  });

  it("exits 3 at once when a health wait sees the app Degraded, and 4 when time runs out", async () => {
    const degraded = fakeServer({ "GET /api/apps/web": { status: 200, body: { name: "web", status: { syncStatus: "Synced", healthStatus: "Degraded" } } } });
    expect(await runCli(["app", "wait", "web", "--health"], degraded.context.io, degraded.context)).toBe(3);
    const stuck = fakeServer({ "GET /api/apps/web": { status: 200, body: { name: "web", status: { syncStatus: "Synced", healthStatus: "Progressing" } } } });
    expect(await runCli(["app", "wait", "web", "--health", "--timeout", "2s"], stuck.context.io, stuck.context)).toBe(4);
    expect(stuck.out.stderr).toBe("lockstep app wait: Timed out after 2s waiting for web: Synced, Progressing; wanted Healthy.\n");
  });

  it("does not wait for health when only --sync is asked", async () => {
    const { context } = fakeServer({ "GET /api/apps/web": { status: 200, body: { name: "web", status: { syncStatus: "Synced", healthStatus: "Degraded" } } } });
    expect(await runCli(["app", "wait", "web", "--sync"], context.io, context)).toBe(0);
  });
});
