import { describe, expect, it } from "vitest";
import { DELIVERY_ATTEMPTS, DELIVERY_BACKOFF, deliveryKey, retryDelayMs } from "./delivery-policy";

describe("retryDelayMs", () => {
  it.each([
    [1, 5_000],
    [2, 20_000],
    [3, 80_000],
    [4, 300_000],
    [9, 300_000],
  ])("waits before retry %i: %i ms at most", (retry, expected) => {
    expect(retryDelayMs(retry, DELIVERY_BACKOFF, 1)).toBe(expected);
  });

  it("takes off at most a tenth as jitter", () => {
    expect(retryDelayMs(1, DELIVERY_BACKOFF, 0)).toBe(4_500);
  });

  it("gives up after five attempts in all, about seven minutes", () => {
    const waits = Array.from({ length: DELIVERY_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, DELIVERY_BACKOFF, 1));
    expect(waits.reduce((a, b) => a + b, 0)).toBe(405_000);
  });
});

describe("deliveryKey", () => {
  const base = { subscriptionId: "s1", trigger: "sync-succeeded" as const, app: "web" };

  it("is the same for one revision written in either case or with spaces", () => {
    expect(deliveryKey({ ...base, revision: " ABCDEF0123 " })).toEqual(deliveryKey({ ...base, revision: "abcdef0123" }));
  });

  it("differs between two revisions", () => {
    expect(deliveryKey({ ...base, revision: "aaa" })).not.toEqual(deliveryKey({ ...base, revision: "bbb" }));
  });

  it("differs between two triggers of one revision", () => {
    expect(deliveryKey({ ...base, revision: "aaa" })).not.toEqual(deliveryKey({ ...base, trigger: "health-degraded", revision: "aaa" }));
  });

  it("uses an empty revision when none is known", () => {
    expect(deliveryKey({ ...base, revision: null }).revision).toBe("");
  });
});
