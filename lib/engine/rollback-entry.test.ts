import { describe, expect, it } from "vitest";
import type { OperationRecord } from "@/lib/db/operations";
import { branchOfTarget, rolledBackEntryId } from "./rollback-entry";

function op(fields: Partial<OperationRecord>): OperationRecord {
  return { id: "x", kind: "sync", phase: "Succeeded", dryRun: false, rollbackOf: null, ...fields } as OperationRecord;
}

describe("rolledBackEntryId", () => {
  it("names the entry the newest successful rollback went back to", () => {
    const history = [op({ kind: "rollback", phase: "Failed", rollbackOf: "b" }), op({ kind: "sync", dryRun: true }), op({ kind: "rollback", rollbackOf: "a" }), op({ kind: "sync" })];
    expect(rolledBackEntryId(history)).toBe("a");
  });

  it("answers nothing when a successful sync came after the last rollback", () => {
    expect(rolledBackEntryId([op({ kind: "sync" }), op({ kind: "rollback", rollbackOf: "a" })])).toBeUndefined();
  });

  it("answers nothing for an app never rolled back", () => {
    expect(rolledBackEntryId([op({ kind: "sync" })])).toBeUndefined();
    expect(rolledBackEntryId([])).toBeUndefined();
  });
});

describe("branchOfTarget", () => {
  it("reads HEAD as the default branch and a branch name as itself", () => {
    expect(branchOfTarget("web", "HEAD")).toBeUndefined();
    expect(branchOfTarget("web", "main")).toBe("main");
    expect(branchOfTarget("web", "refs/heads/release/1.x")).toBe("release/1.x");
  });

  it("refuses an app that follows a fixed commit, with one sentence", () => {
    expect(() => branchOfTarget("web", "a".repeat(40))).toThrow('Application "web" follows the fixed commit aaaaaaa, so a commit to a branch would not change what it deploys.');
  });
});
