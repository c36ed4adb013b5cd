import { describe, expect, it } from "vitest";

import { mapLimit } from "./concurrency";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("mapLimit", () => {
  it("never runs more than its limit at once and keeps the input order in the result", async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await mapLimit([5, 1, 4, 2, 3, 0, 6], 2, async (n, index) => {
      started.push(index);
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
  });

  it("runs one at a time when asked for less than one", async () => {
    let running = 0;
    let peak = 0;
    await mapLimit([1, 2, 3], 0, async () => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
    });
    expect(peak).toBe(1);
  });

  it("rejects with the first failure", async () => {
    await expect(mapLimit([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error("boom")) : n))).rejects.toThrow("boom");
  });

  it("skips the items not yet started once the signal aborts and rejects with its reason", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const mapping = mapLimit([0, 1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      if (n === 1) controller.abort(new Error("terminated"));
      await tick();
      return n;
    }, { signal: controller.signal });
    await expect(mapping).rejects.toThrow("terminated");
    await tick();
    await tick();
    expect(started).toEqual([0, 1]);
  });

  it("starts nothing when the signal has already aborted", async () => {
    const started: number[] = [];
    const mapping = mapLimit([0, 1], 2, async (n) => void started.push(n), { signal: AbortSignal.abort(new Error("too late")) });
    await expect(mapping).rejects.toThrow("too late");
    expect(started).toEqual([]);
  });
});
