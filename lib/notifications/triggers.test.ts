import { describe, expect, it } from "vitest";
import { driftEvent, isDriftStill, operationTriggers, statusTriggers, type EndedOperation } from "./triggers";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const op = (over: Partial<EndedOperation>): EndedOperation => ({ app: "web", kind: "sync", phase: "Succeeded", dryRun: false, revision: SHA, message: "ok", autoSyncPaused: false, automated: false, ...over });
const triggers = (over: Partial<EndedOperation>) => operationTriggers(op(over)).map((e) => e.trigger);

describe("operationTriggers", () => {
  it.each([
    ["a successful sync fires sync-succeeded", {}, ["sync-succeeded"]],
    ["a successful self-heal fires sync-succeeded", { kind: "self-heal" as const }, ["sync-succeeded"]],
    ["a failed sync fires sync-failed", { phase: "Failed" as const }, ["sync-failed"]],
    ["an operation ending in Error fires sync-failed", { phase: "Error" as const }, ["sync-failed"]],
    ["a dry run fires nothing", { dryRun: true }, []],
    ["a running operation fires nothing", { phase: "Running" as const }, []],
    ["a queued operation fires nothing", { phase: "Queued" as const }, []],
    ["a successful rollback fires rollback", { kind: "rollback" as const }, ["rollback"]],
    ["a rollback that paused automation fires rollback and auto-sync-paused", { kind: "rollback" as const, autoSyncPaused: true }, ["rollback", "auto-sync-paused"]],
    ["a failed rollback fires sync-failed", { kind: "rollback" as const, phase: "Failed" as const }, ["sync-failed"]],
    ["a failed automated sync of an automated app fires sync-failed and auto-sync-paused", { kind: "auto-sync" as const, phase: "Failed" as const, automated: true }, ["sync-failed", "auto-sync-paused"]],
    ["a failed manual sync of an automated app does not pause automation", { phase: "Failed" as const, automated: true }, ["sync-failed"]],
  ])("%s", (_name, over, expected) => {
    expect(triggers(over)).toEqual(expected);
  });

  it("says which revision and why in the message", () => {
    const [event] = operationTriggers(op({ phase: "Failed", message: "1 resource(s) failed to sync." }));
    expect(event).toEqual({ trigger: "sync-failed", app: "web", revision: SHA, message: "Sync of 0123456 failed: 1 resource(s) failed to sync." });
  });

  it("uses an empty revision when the operation never resolved one", () => {
    expect(operationTriggers(op({ revision: null }))[0]?.revision).toBe("");
  });
});

describe("statusTriggers", () => {
  const status = { app: "web", syncStatus: "Synced" as const, healthStatus: "Healthy" as const, revision: SHA };

  it("fires health-degraded while the app is Degraded", () => {
    expect(statusTriggers({ ...status, healthStatus: "Degraded" }).now.map((e) => e.trigger)).toEqual(["health-degraded"]);
  });

  it("fires nothing for a healthy synced app and clears any drift watch", () => {
    expect(statusTriggers(status)).toEqual({ now: [], drift: "clear" });
  });

  it("only watches drift, never fires it at once", () => {
    expect(statusTriggers({ ...status, syncStatus: "OutOfSync" })).toEqual({ now: [], drift: "watch" });
  });
});

describe("isDriftStill", () => {
  it.each([
    ["the grace has passed and the app is still OutOfSync", 300_000, "OutOfSync" as const, true],
    ["the grace has not passed yet", 299_999, "OutOfSync" as const, false],
    ["the app is Synced again", 600_000, "Synced" as const, false],
    ["the app's status is Unknown", 600_000, "Unknown" as const, false],
  ])("is %s → %s", (_name, elapsed, syncStatus, expected) => {
    expect(isDriftStill({ since: 1_000, graceMs: 300_000, now: 1_000 + elapsed, syncStatus })).toBe(expected);
  });
});

describe("driftEvent", () => {
  it("names the grace in minutes", () => {
    expect(driftEvent({ app: "web", syncStatus: "OutOfSync", healthStatus: "Healthy", revision: SHA }, 300_000).message).toBe("The cluster has differed from Git for more than 5 minutes.");
  });

  it("names a grace shorter than a minute in seconds", () => {
    expect(driftEvent({ app: "web", syncStatus: "OutOfSync", healthStatus: "Healthy", revision: null }, 2_000)).toEqual({ trigger: "drift-detected", app: "web", revision: "", message: "The cluster has differed from Git for more than 2 seconds." });
  });
});
