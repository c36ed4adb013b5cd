import { afterEach, describe, expect, it, vi } from "vitest";

import type { Checkout } from "./checkout";
import { createCheckoutPool } from "./checkout-pool";

const SHA = "a".repeat(40);

/** A pool whose checkouts are bookkeeping only, so timers can be faked without git. */
function poolWithFakeCheckouts(keepMs = 1000) {
  const made: string[] = [];
  const removed: string[] = [];
  const checkout = async (mirror: string, sha: string): Promise<Checkout> => {
    const dir = `${mirror}/${sha}/${made.length}`;
    made.push(dir);
    return { dir, dispose: async () => void removed.push(dir) };
  };
  return { pool: createCheckoutPool({ scratchDir: "/scratch", keepMs, checkout }), made, removed };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createCheckoutPool", () => {
  it("shares one checkout between the renders of a commit and removes it once unused for keepMs", async () => {
    vi.useFakeTimers();
    const { pool, made, removed } = poolWithFakeCheckouts(1000);
    const [a, b] = await Promise.all([pool.acquire("/mirror", SHA), pool.acquire("/mirror", SHA)]);
    expect(a.dir).toBe(b.dir);
    expect(made).toHaveLength(1);
    a.release();
    b.release();
    b.release();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(removed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(removed).toEqual(made);
  });

  it("clears its timers and removes idle checkouts on dispose, then refuses to hand out more", async () => {
    vi.useFakeTimers();
    const { pool, made, removed } = poolWithFakeCheckouts();
    const idle = await pool.acquire("/mirror", SHA);
    const busy = await pool.acquire("/mirror", "b".repeat(40));
    idle.release();
    expect(vi.getTimerCount()).toBe(1);
    await pool.dispose();
    expect(vi.getTimerCount()).toBe(0);
    expect(removed).toEqual([made[0]]);
    busy.release();
    await vi.runAllTimersAsync();
    expect(removed).toEqual(made);
    expect(vi.getTimerCount()).toBe(0);
    await expect(pool.acquire("/mirror", SHA)).rejects.toThrow("the source is closed");
  });

  it("does not keep a checkout that failed", async () => {
    let attempts = 0;
    const pool = createCheckoutPool({
      scratchDir: "/scratch",
      checkout: async (mirror, sha) => {
        attempts += 1;
        if (attempts === 1) throw new Error("disk full");
        return { dir: `${mirror}/${sha}`, dispose: async () => undefined };
      },
    });
    await expect(pool.acquire("/mirror", SHA)).rejects.toThrow("disk full");
    const checkout = await pool.acquire("/mirror", SHA);
    expect(checkout.dir).toBe(`/mirror/${SHA}`);
    checkout.release();
    await pool.dispose();
  });
});
