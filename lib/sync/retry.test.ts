import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { backoffDelay, type RetryNotice } from "@/lib/retry";

import { API_RETRY_BACKOFF, isRetryableApiError, withApiRetry } from "./retry";

function apiError(code: number, reason: string, message: string): ApiException<unknown> {
  return new ApiException(code, "Unsuccessful HTTP Request", { kind: "Status", reason, message }, {});
}

function networkError(code: string): Error {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

describe("isRetryableApiError", () => {
  it.each([
    ["409 Conflict", apiError(409, "Conflict", "the object has been modified"), true],
    ["429 Too Many Requests", apiError(429, "TooManyRequests", "slow down"), true],
    ["500 Internal Error", apiError(500, "InternalError", "etcd leader changed"), true],
    ["503 Service Unavailable", apiError(503, "ServiceUnavailable", "try later"), true],
    ["504 Gateway Timeout", apiError(504, "Timeout", "timed out"), true],
    ["a connection reset", networkError("ECONNRESET"), true],
    ["a connect timeout", networkError("ETIMEDOUT"), true],
    ["a request aborted by its timeout", Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }), true],
    ["422 Invalid", apiError(422, "Invalid", "spec.replicas: Invalid value"), false],
    ["403 Forbidden", apiError(403, "Forbidden", "cannot patch"), false],
    ["404 Not Found", apiError(404, "NotFound", "the server could not find the requested resource"), false],
    ["a plain programming error", new TypeError("cannot read properties of undefined"), false],
  ])("answers for %s", (_name, error, expected) => {
    expect(isRetryableApiError(error)).toBe(expected);
  });
});

describe("API_RETRY_BACKOFF", () => {
  it("doubles from 250 ms and stops at 4 s", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, API_RETRY_BACKOFF))).toEqual([250, 500, 1_000, 2_000, 4_000, 4_000]);
  });
});

describe("withApiRetry", () => {
  const noWait = { sleep: async () => undefined };

  it("retries a retryable failure with growing delays and returns the eventual result", async () => {
    const failures = [apiError(429, "TooManyRequests", "slow down"), apiError(409, "Conflict", "modified")];
    const notices: RetryNotice[] = [];
    const waits: number[] = [];
    const result = await withApiRetry(
      async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return "applied";
      },
      { backoff: { initialMs: 50, maxMs: 4_000 }, sleep: async (ms) => void waits.push(ms), onRetry: (n) => void notices.push(n) },
    );
    expect(result).toBe("applied");
    expect(waits).toEqual([50, 100]);
    expect(notices.map((n) => [n.retry, n.retries, n.delayMs])).toEqual([
      [1, 4, 50],
      [2, 4, 100],
    ]);
    expect(notices[0]?.reason).toBe("429 TooManyRequests: slow down");
    expect(notices[1]?.reason).toBe("409 Conflict: modified");
  });

  it("throws the last error once the retries are used up", async () => {
    let attempts = 0;
    const call = async () => {
      attempts += 1;
      throw apiError(503, "ServiceUnavailable", `attempt ${attempts}`);
    };
    await expect(withApiRetry(call, { retries: 2, ...noWait })).rejects.toMatchObject({ code: 503, body: { message: "attempt 3" } });
    expect(attempts).toBe(3);
  });

  it("does not retry a failure that will not pass on its own", async () => {
    let attempts = 0;
    const call = async () => {
      attempts += 1;
      throw apiError(422, "Invalid", "bad spec");
    };
    await expect(withApiRetry(call, noWait)).rejects.toMatchObject({ code: 422 });
    expect(attempts).toBe(1);
  });
});
