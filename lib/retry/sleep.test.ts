import { describe, expect, it } from "vitest";

import { sleep } from "./sleep";

describe("sleep", () => {
  it("resolves after the wait", async () => {
    const started = Date.now();
    await sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it("rejects at once with the signal's reason when it aborts during the wait", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("stop")), 5);
    await expect(sleep(60_000, controller.signal)).rejects.toThrow("stop");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("rejects without waiting when the signal has already aborted", async () => {
    await expect(sleep(60_000, AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });
});
