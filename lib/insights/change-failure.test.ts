import { describe, expect, it } from "vitest";
import { changeFailureRate } from "./change-failure";
import { NOVEMBER, op } from "./testing/records";

describe("changeFailureRate", () => {
  it("has no rate without deployments", () => {
    expect(changeFailureRate([], NOVEMBER)).toEqual({ deployments: 0, failed: 0, rate: null, windowSeconds: 3600, failures: [] });
  });

  it("counts a deployment followed within the window by a rollback", () => {
    const result = changeFailureRate([op({ start: 0, revision: "a" }), op({ start: 10, revision: "b" }), op({ start: 30, kind: "rollback", revision: "a" })], NOVEMBER);
    expect(result).toMatchObject({ deployments: 2, failed: 1, rate: 0.5 });
    expect(result.failures[0]).toMatchObject({ revision: "b", cause: "rollback" });
  });

  it("counts a failed sync and a Degraded comparison as failures", () => {
    const records = [op({ start: 0, revision: "a" }), op({ start: 10, revision: "b", phase: "Failed" }), op({ start: 100, revision: "c", healthAfter: "Degraded" })];
    const result = changeFailureRate(records, NOVEMBER);
    expect(result.failures.map((f) => [f.revision, f.cause])).toEqual([
      ["a", "failed-sync"],
      ["c", "degraded"],
    ]);
  });

  it("does not count a failure after the window, and the window is configurable", () => {
    const records = [op({ start: 0, revision: "a" }), op({ start: 90, revision: "b", phase: "Failed" })];
    expect(changeFailureRate(records, NOVEMBER).failed).toBe(0);
    expect(changeFailureRate(records, NOVEMBER, 2 * 3_600_000)).toMatchObject({ failed: 1, windowSeconds: 7200 });
  });

  it("blames a failure on the latest deployment only", () => {
    const records = [op({ start: 0, revision: "a" }), op({ start: 10, revision: "b" }), op({ start: 20, revision: "c", phase: "Error" })];
    expect(changeFailureRate(records, NOVEMBER).failures.map((f) => f.revision)).toEqual(["b"]);
  });

  it("does not count failures of another app", () => {
    const records = [op({ start: 0, app: "web", revision: "a" }), op({ start: 10, app: "api", revision: "a", phase: "Failed" })];
    expect(changeFailureRate(records, NOVEMBER).failed).toBe(0);
  });
});
