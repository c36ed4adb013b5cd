import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit";

describe("the failure limiter", () => {
  it("allows attempts until the maximum of failures, then asks to wait until the oldest leaves the window", () => {
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 1000 });
    for (const at of [0, 100, 200]) {
      expect(limiter.retryAfterMs("alice", at)).toBe(0);
      limiter.recordFailure("alice", at);
    }
    expect(limiter.retryAfterMs("alice", 300)).toBe(700);
    expect(limiter.retryAfterMs("bob", 300)).toBe(0);
    expect(limiter.retryAfterMs("alice", 1000)).toBe(0);
  });

  it("forgets a key's failures after a success", () => {
    const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 1000 });
    limiter.recordFailure("alice", 0);
    expect(limiter.retryAfterMs("alice", 10)).toBeGreaterThan(0);
    limiter.reset("alice");
    expect(limiter.retryAfterMs("alice", 10)).toBe(0);
  });
});
