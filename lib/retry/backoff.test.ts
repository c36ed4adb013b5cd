import { describe, expect, it } from "vitest";

import { backoffDelay, type BackoffPolicy } from "./backoff";

describe("backoffDelay", () => {
  const doubling: BackoffPolicy = { initialMs: 100, maxMs: 1_000 };
  const tripling: BackoffPolicy = { initialMs: 2_000, factor: 3, maxMs: 300_000 };
  const takesOffAFifth: BackoffPolicy = { initialMs: 1_000, maxMs: 15_000, jitter: [0.8, 1] };
  const tenthEitherWay: BackoffPolicy = { initialMs: 60_000, maxMs: 600_000, jitter: [0.9, 1.1] };

  it.each([
    ["the first retry waits the initial delay", 1, doubling, 0.5, 100],
    ["an attempt below one counts as the first", 0, doubling, 0.5, 100],
    ["each retry doubles by default", 4, doubling, 0.5, 800],
    ["the delay stops at the cap", 50, doubling, 0.5, 1_000],
    ["a factor of three triples", 3, tripling, 0.5, 18_000],
    ["a huge attempt number still answers the cap", 10_000, tripling, 0.5, 300_000],
    ["a one-sided jitter takes off at most a fifth", 1, takesOffAFifth, 0, 800],
    ["a one-sided jitter never adds", 1, takesOffAFifth, 1, 1_000],
    ["a two-sided jitter goes a tenth below", 1, tenthEitherWay, 0, 54_000],
    ["a two-sided jitter goes a tenth above", 1, tenthEitherWay, 1, 66_000],
    ["jitter applies after the cap", 10, tenthEitherWay, 1, 660_000],
  ])("%s", (_name, attempt, policy, random, expected) => {
    expect(backoffDelay(attempt, policy, random)).toBe(expected);
  });

  it("stays within the jitter range when left to chance", () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(1, takesOffAFifth);
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1_000);
    }
  });
});
