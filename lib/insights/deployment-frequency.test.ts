import { describe, expect, it } from "vitest";
import { deploymentFrequency } from "./deployment-frequency";
import { at, NOVEMBER, op } from "./testing/records";

const DAY = 24 * 60;

describe("deploymentFrequency", () => {
  it("answers zeros and empty periods for an empty range", () => {
    const result = deploymentFrequency([], { from: at(0), to: at(3 * DAY) });
    expect(result).toMatchObject({ deployments: 0, rollbacks: 0, perDay: 0, perWeek: 0 });
    expect(result.periods.map((p) => p.deployments)).toEqual([0, 0, 0]);
  });

  it("counts deployments per UTC day and rollbacks apart", () => {
    const records = [op({ start: 10, revision: "a" }), op({ start: 20, revision: "b" }), op({ start: DAY + 5, kind: "rollback", revision: "a" }), op({ start: 2 * DAY + 5, revision: "c" })];
    const result = deploymentFrequency(records, { from: at(0), to: at(3 * DAY) });
    expect(result.deployments).toBe(3);
    expect(result.rollbacks).toBe(1);
    expect(result.perDay).toBe(1);
    expect(result.perWeek).toBe(7);
    expect(result.periods).toEqual([
      { start: "2026-11-01T00:00:00.000Z", deployments: 2, rollbacks: 0 },
      { start: "2026-11-02T00:00:00.000Z", deployments: 0, rollbacks: 1 },
      { start: "2026-11-03T00:00:00.000Z", deployments: 1, rollbacks: 0 },
    ]);
  });

  it("uses history before the range to tell a deployment from a no-op sync, but counts only the range", () => {
    const records = [op({ start: 0, revision: "a" }), op({ start: DAY + 1, revision: "a" }), op({ start: DAY + 2, revision: "b" })];
    expect(deploymentFrequency(records, { from: at(DAY), to: at(2 * DAY) }).deployments).toBe(1);
  });

  it("counts by week from Monday UTC", () => {
    // 2026-11-01 is a Sunday: its week starts on Monday 2026-10-26.
    const result = deploymentFrequency([op({ start: 0, revision: "a" }), op({ start: DAY + 1, revision: "b" })], NOVEMBER, "week");
    expect(result.periods.slice(0, 2)).toEqual([
      { start: "2026-10-26T00:00:00.000Z", deployments: 1, rollbacks: 0 },
      { start: "2026-11-02T00:00:00.000Z", deployments: 1, rollbacks: 0 },
    ]);
  });

  it("counts deployments of several apps separately", () => {
    const records = [op({ start: 0, app: "web", revision: "a" }), op({ start: 5, app: "api", revision: "a" })];
    expect(deploymentFrequency(records, NOVEMBER).deployments).toBe(2);
  });
});
