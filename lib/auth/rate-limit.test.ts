import { describe, expect, it } from "vitest";
import { createSignInLimiter, FailureBackoff } from "./rate-limit";

const options = { freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 5000, forgetAfterMs: 60_000 };

describe("the failure backoff", () => {
  it("lets the free failures through, then doubles the wait after each further failure up to the cap", () => {
    const backoff = new FailureBackoff(options);
    expect([0, 1, 2, 3, 4, 5, 6].map((count) => backoff.delayAfter(count))).toEqual([0, 0, 1000, 2000, 4000, 5000, 5000]);
  });

  it("counts the wait from the last failure, key by key", () => {
    const backoff = new FailureBackoff(options);
    backoff.recordFailure("alice", 0);
    expect(backoff.retryAfterMs("alice", 10)).toBe(0);
    backoff.recordFailure("alice", 100);
    expect(backoff.retryAfterMs("alice", 600)).toBe(500);
    expect(backoff.retryAfterMs("alice", 1100)).toBe(0);
    expect(backoff.retryAfterMs("bob", 600)).toBe(0);
  });

  it("forgets a key that has not failed for a while, and takes back one failure when asked", () => {
    const backoff = new FailureBackoff(options);
    for (const at of [0, 1, 2]) backoff.recordFailure("alice", at);
    expect(backoff.failures("alice", 3)).toBe(3);
    backoff.forgiveOne("alice");
    expect(backoff.failures("alice", 3)).toBe(2);
    expect(backoff.failures("alice", 60_002)).toBe(0);
  });
});

describe("the sign-in limiter", () => {
  const limiterOptions = { account: { ...options, freeFailures: 3 }, address: { ...options, freeFailures: 5 } };

  it("counts an attempt when admitting it, so a burst of parallel attempts gets only the free ones", () => {
    const limiter = createSignInLimiter(limiterOptions);
    const admissions = Array.from({ length: 40 }, () => limiter.admit({ account: "admin", address: "203.0.113.7" }, 0));
    expect(admissions.filter((a) => a.admitted)).toHaveLength(3);
    expect(admissions[3]).toEqual({ admitted: false, retryAfterMs: 1000 });
  });

  it("grows the wait with each failure instead of locking the account", () => {
    const limiter = createSignInLimiter(limiterOptions);
    const keys = { account: "admin", address: "203.0.113.7" };
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const admission = limiter.admit(keys, now);
      if (!admission.admitted) {
        waits.push(admission.retryAfterMs);
        now += admission.retryAfterMs;
        expect(limiter.admit(keys, now).admitted).toBe(true);
      }
    }
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it("lets a correct password from an address with no recent failures in while the account is attacked from elsewhere", () => {
    const limiter = createSignInLimiter(limiterOptions);
    for (let i = 0; i < 10; i += 1) limiter.admit({ account: "admin", address: "203.0.113.7" }, 0);
    expect(limiter.admit({ account: "admin", address: "203.0.113.7" }, 10).admitted).toBe(false);
    const owner = { account: "admin", address: "198.51.100.2" };
    expect(limiter.admit(owner, 10).admitted).toBe(true);
    limiter.succeeded(owner);
    expect(limiter.address.failures("198.51.100.2", 10)).toBe(0);
    expect(limiter.account.failures("admin", 10)).toBe(0);
  });

  it("holds an address that failed once by the account's wait", () => {
    const limiter = createSignInLimiter(limiterOptions);
    for (let i = 0; i < 3; i += 1) limiter.admit({ account: "admin", address: "203.0.113.7" }, 0);
    expect(limiter.admit({ account: "admin", address: "198.51.100.9" }, 0).admitted).toBe(true);
    expect(limiter.admit({ account: "admin", address: "198.51.100.9" }, 0)).toEqual({ admitted: false, retryAfterMs: 2000 });
  });

  it("takes back the count of an attempt that was never evaluated", () => {
    const limiter = createSignInLimiter(limiterOptions);
    const keys = { account: "admin", address: "203.0.113.7" };
    limiter.admit(keys, 0);
    limiter.notEvaluated(keys);
    expect(limiter.account.failures("admin", 0)).toBe(0);
    expect(limiter.address.failures("203.0.113.7", 0)).toBe(0);
  });
});
