import { describe, expect, it } from "vitest";
import { median, percentile } from "./stats";

describe("median and percentile", () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])("the median of %j is %j", (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it("takes the nearest rank for the 90th percentile", () => {
    expect(percentile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9], 90)).toBe(9);
    expect(percentile([1, 2, 3], 90)).toBe(3);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 90)).toBeNull();
  });
});
