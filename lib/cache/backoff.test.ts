import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  const noJitter = () => 1;

  it("doubles from the initial delay", () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { initialMs: 100 }, noJitter))).toEqual([100, 200, 400, 800]);
  });

  it("never exceeds the maximum", () => {
    expect(backoffDelay(50, { initialMs: 100, maxMs: 1000 }, noJitter)).toBe(1000);
  });

  it("takes off at most a fifth as jitter", () => {
    expect(backoffDelay(1, { initialMs: 1000 }, () => 0)).toBe(800);
  });
});
