import { describe, expect, it } from "vitest";
import { at, NOVEMBER, op } from "./testing/records";
import { timeToRestore } from "./time-to-restore";

describe("timeToRestore", () => {
  it("has no incidents in an empty range", () => {
    expect(timeToRestore([], NOVEMBER)).toEqual({ incidents: 0, restored: 0, unrestored: 0, medianSeconds: null, list: [] });
  });

  it("measures from a failed sync to the next successful sync that left the app Healthy", () => {
    const records = [op({ start: 0, revision: "a" }), op({ start: 10, revision: "b", phase: "Failed" }), op({ start: 20, revision: "b", healthAfter: "Progressing" }), op({ start: 40, revision: "c" })];
    const result = timeToRestore(records, NOVEMBER);
    expect(result.list).toEqual([{ app: "web", startedAt: at(11).toISOString(), restoredAt: at(41).toISOString(), seconds: 1800 }]);
    expect(result.medianSeconds).toBe(1800);
  });

  it("starts an incident when a rollback starts and ends it when the rollback leaves the app Healthy", () => {
    const result = timeToRestore([op({ start: 0, revision: "a" }), op({ start: 30, minutes: 2, kind: "rollback", revision: "a" })], NOVEMBER);
    expect(result.list).toEqual([{ app: "web", startedAt: at(30).toISOString(), restoredAt: at(32).toISOString(), seconds: 120 }]);
  });

  it("starts an incident at a Degraded comparison; later failures belong to the same incident", () => {
    const records = [op({ start: 0, revision: "a", healthAfter: "Degraded" }), op({ start: 10, revision: "b", phase: "Failed" }), op({ start: 60, revision: "c" })];
    expect(timeToRestore(records, NOVEMBER).list.map((i) => i.seconds)).toEqual([3600]);
  });

  it("counts a failure without a later recovery as unrestored and leaves it out of the median", () => {
    const records = [op({ start: 0, phase: "Failed" }), op({ start: 5 }), op({ start: 100, phase: "Failed" })];
    expect(timeToRestore(records, NOVEMBER)).toMatchObject({ incidents: 2, restored: 1, unrestored: 1, medianSeconds: 300 });
  });

  it("takes the median over several incidents and apps", () => {
    const records = [
      op({ start: 0, app: "web", phase: "Failed" }),
      op({ start: 10, app: "web" }),
      op({ start: 0, app: "api", phase: "Failed" }),
      op({ start: 30, app: "api" }),
      op({ start: 100, app: "api", phase: "Failed" }),
      op({ start: 160, app: "api" }),
    ];
    expect(timeToRestore(records, NOVEMBER)).toMatchObject({ incidents: 3, medianSeconds: 1800 });
  });

  it("counts incidents by the time they started", () => {
    const records = [op({ start: -60, phase: "Failed" }), op({ start: 10 })];
    expect(timeToRestore(records, NOVEMBER).incidents).toBe(0);
  });
});
