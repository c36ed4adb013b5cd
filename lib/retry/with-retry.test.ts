import { describe, expect, it } from "vitest";

import { withRetry, type RetryNotice } from "./with-retry";

/** A call that fails with each of `failures` in turn, then answers "done". */
function failing(...failures: Error[]) {
  const calls = { count: 0 };
  const call = async () => {
    calls.count += 1;
    const failure = failures.shift();
    if (failure) throw failure;
    return "done";
  };
  return { call, calls };
}

describe("withRetry", () => {
  it("waits per the backoff policy between attempts and reports each retry first", async () => {
    const { call } = failing(new Error("busy"), new Error("still busy"));
    const waits: number[] = [];
    const notices: RetryNotice[] = [];
    const result = await withRetry(call, {
      backoff: { initialMs: 50, maxMs: 80 },
      sleep: async (ms) => void waits.push(ms),
      onRetry: (notice) => void notices.push(notice),
    });
    expect(result).toBe("done");
    expect(waits).toEqual([50, 80]);
    expect(notices.map((n) => [n.retry, n.retries, n.delayMs, n.reason])).toEqual([
      [1, 4, 50, "busy"],
      [2, 4, 80, "still busy"],
    ]);
  });

  it("throws the last error as it was once the retries are used up, without a last wait", async () => {
    const last = new Error("third");
    const { call, calls } = failing(new Error("first"), new Error("second"), last);
    const waits: number[] = [];
    await expect(withRetry(call, { retries: 2, sleep: async (ms) => void waits.push(ms) })).rejects.toBe(last);
    expect(calls.count).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it("does not retry a failure the caller calls final", async () => {
    const { call, calls } = failing(new Error("invalid"));
    await expect(withRetry(call, { isRetryable: () => false, sleep: async () => undefined })).rejects.toThrow("invalid");
    expect(calls.count).toBe(1);
  });

  it("describes the failure with the caller's wording", async () => {
    const { call } = failing(new Error("raw"));
    const reasons: string[] = [];
    await withRetry(call, { describe: () => "409 Conflict: raw", sleep: async () => undefined, onRetry: (n) => void reasons.push(n.reason) });
    expect(reasons).toEqual(["409 Conflict: raw"]);
  });

  it("stops waiting at once when the signal aborts and makes no further attempt", async () => {
    const controller = new AbortController();
    const { call, calls } = failing(new Error("busy"));
    const started = Date.now();
    const retrying = withRetry(call, {
      signal: controller.signal,
      backoff: { initialMs: 60_000, maxMs: 60_000 },
      onRetry: () => void setTimeout(() => controller.abort(new Error("terminated")), 5),
    });
    await expect(retrying).rejects.toThrow("terminated");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(calls.count).toBe(1);
  });

  it("makes no attempt when the signal has already aborted", async () => {
    const { call, calls } = failing();
    await expect(withRetry(call, { signal: AbortSignal.abort(new Error("too late")) })).rejects.toThrow("too late");
    expect(calls.count).toBe(0);
  });
});
