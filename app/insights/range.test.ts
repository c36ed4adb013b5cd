import { describe, expect, it } from "vitest";
import { rangeFromParams } from "./range";

describe("rangeFromParams", () => {
  it("defaults to the last 30 days", () => {
    expect(rangeFromParams({})).toEqual({ days: 30 });
  });

  it("takes 7, 30 or 90 days and a window in minutes", () => {
    expect(rangeFromParams({ range: "90", window: "15" })).toEqual({ days: 90, windowMinutes: 15 });
  });

  it("reads a custom range as whole UTC days, the last one included", () => {
    expect(rangeFromParams({ range: "custom", from: "2026-11-01", to: "2026-11-07" })).toEqual({ from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-08T00:00:00Z") });
  });

  it("refuses what it cannot read, in one sentence", () => {
    expect(() => rangeFromParams({ range: "12" })).toThrow("The range must be 7, 30 or 90 days, or custom.");
    expect(() => rangeFromParams({ range: "custom", from: "2026-11-01" })).toThrow("Choose both days of a custom range.");
    expect(() => rangeFromParams({ range: "custom", from: "yesterday", to: "2026-11-07" })).toThrow("from must be a day written YYYY-MM-DD.");
    expect(() => rangeFromParams({ window: "0" })).toThrow("The window must be a whole number of minutes from 1 to 10080.");
  });
});
