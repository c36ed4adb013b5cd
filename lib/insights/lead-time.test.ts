import { describe, expect, it } from "vitest";
import { leadTime } from "./lead-time";
import { at, NOVEMBER, op } from "./testing/records";

describe("leadTime", () => {
  it("answers no median for an empty range", () => {
    expect(leadTime([], NOVEMBER)).toEqual({ deployments: 0, measured: 0, medianSeconds: null, p90Seconds: null, samples: [] });
  });

  it("measures from the commit's committer date to the deployment's finish", () => {
    const records = [
      op({ start: 100, minutes: 1, revision: "a", revisionCommittedAt: at(91) }),
      op({ start: 200, minutes: 1, revision: "b", revisionCommittedAt: at(171) }),
      op({ start: 300, minutes: 1, revision: "c", revisionCommittedAt: at(241) }),
    ];
    const result = leadTime(records, NOVEMBER);
    expect(result.samples.map((s) => s.seconds)).toEqual([600, 1800, 3600]);
    expect(result.medianSeconds).toBe(1800);
    expect(result.p90Seconds).toBe(3600);
  });

  it("leaves out deployments whose commit time was not recorded, and says how many were measured", () => {
    const result = leadTime([op({ start: 0, revision: "a" }), op({ start: 10, revision: "b", revisionCommittedAt: at(1) })], NOVEMBER);
    expect(result).toMatchObject({ deployments: 2, measured: 1, medianSeconds: 600 });
  });

  it("measures neither rollbacks nor no-op syncs", () => {
    const records = [op({ start: 0, revision: "a", revisionCommittedAt: at(-10) }), op({ start: 10, revision: "a", revisionCommittedAt: at(-10) }), op({ start: 20, kind: "rollback", revision: "a", revisionCommittedAt: at(-10) })];
    expect(leadTime(records, NOVEMBER).samples).toHaveLength(1);
  });

  it("counts a committer clock ahead of the server as zero", () => {
    expect(leadTime([op({ start: 0, revisionCommittedAt: at(30) })], NOVEMBER).medianSeconds).toBe(0);
  });

  it("gives the same figure whatever time zone the commit date was written in", () => {
    const committed = new Date("2026-11-01T03:00:00+05:00");
    const result = leadTime([op({ start: 0, minutes: 60, revisionCommittedAt: committed })], NOVEMBER);
    expect(result.medianSeconds).toBe(3600 + 2 * 3600);
  });
});
