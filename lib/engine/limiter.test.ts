import { describe, expect, it } from "vitest";

import { createLimiter } from "./limiter";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("createLimiter", () => {
  it("never runs more than its limit at once and runs everything in arrival order", async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, index) =>
        limiter.run(async () => {
          started.push(index);
          running += 1;
          peak = Math.max(peak, running);
          await tick();
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("passes results and failures through and frees the slot after a failure", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limiter.run(async () => 42)).resolves.toBe(42);
  });

  it("resolves idle only once nothing runs or waits", async () => {
    const limiter = createLimiter(1);
    const finished: string[] = [];
    void limiter.run(async () => {
      await tick();
      finished.push("a");
    });
    void limiter.run(async () => {
      await tick();
      finished.push("b");
    });
    await limiter.idle();
    expect(finished).toEqual(["a", "b"]);
  });
});
