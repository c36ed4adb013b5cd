import { describe, expect, it } from "vitest";
import { daysIn, periodStart, periodStarts } from "./periods";

describe("periods", () => {
  it("starts days at midnight UTC and weeks on Monday, whatever the offset the time was written in", () => {
    const late = new Date("2026-11-04T23:30:00-05:00");
    expect(periodStart(late, "day").toISOString()).toBe("2026-11-05T00:00:00.000Z");
    expect(periodStart(late, "week").toISOString()).toBe("2026-11-02T00:00:00.000Z");
  });

  it("lists every period overlapping a range, the partial first one included", () => {
    const starts = periodStarts({ from: new Date("2026-11-01T12:00:00Z"), to: new Date("2026-11-04T00:00:00Z") }, "day");
    expect(starts.map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
  });

  it("measures a range in days", () => {
    expect(daysIn({ from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-08T00:00:00Z") })).toBe(7);
  });
});
