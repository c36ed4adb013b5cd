import { describe, expect, it } from "vitest";
import { classifyApp } from "./classify";
import { op } from "./testing/records";

const types = (records: Parameters<typeof classifyApp>[0]) => classifyApp(records).events.map((e) => `${e.type}:${e.record.revision}`);

describe("classifyApp", () => {
  it("counts a sync as a deployment only when it changes the deployed revision", () => {
    expect(types([op({ start: 0, revision: "a" }), op({ start: 10, revision: "a" }), op({ start: 20, revision: "b" })])).toEqual(["deployment:a", "deployment:b"]);
  });

  it("counts neither dry runs nor selective syncs as deployments", () => {
    expect(types([op({ start: 0, revision: "a", dryRun: true }), op({ start: 10, revision: "b", selective: true })])).toEqual([]);
  });

  it("counts auto-sync and self-heal like a manual sync", () => {
    expect(types([op({ start: 0, kind: "auto-sync", revision: "a" }), op({ start: 10, kind: "self-heal", revision: "a" }), op({ start: 20, kind: "self-heal", revision: "b" })])).toEqual(["deployment:a", "deployment:b"]);
  });

  it("keeps rollbacks apart and counts the sync back to Git's revision as a deployment", () => {
    const records = [op({ start: 0, revision: "a" }), op({ start: 10, revision: "b" }), op({ start: 20, kind: "rollback", revision: "a" }), op({ start: 30, revision: "b" })];
    expect(types(records)).toEqual(["deployment:a", "deployment:b", "rollback:a", "deployment:b"]);
  });

  it("does not move the deployed revision on a failed sync, so its retry is the deployment", () => {
    const records = [op({ start: 0, revision: "a" }), op({ start: 10, revision: "b", phase: "Failed" }), op({ start: 20, revision: "b" })];
    expect(types(records)).toEqual(["deployment:a", "failed-sync:b", "deployment:b"]);
  });

  it("ignores failures that applied nothing on purpose: a closed window, a termination before the start", () => {
    const records = [op({ start: 0, phase: "Failed", kind: "auto-sync", message: "Not synced: the window is closed." }), op({ start: 5, phase: "Failed", message: "terminated by alice before it started" })];
    expect(types(records)).toEqual([]);
  });

  it("orders by finish time whatever order the records come in", () => {
    expect(types([op({ start: 20, revision: "b" }), op({ start: 0, revision: "a" })])).toEqual(["deployment:a", "deployment:b"]);
  });

  it("ignores operations that have not finished", () => {
    expect(types([{ ...op({ start: 0 }), finishedAt: null, phase: "Running" }])).toEqual([]);
  });
});
