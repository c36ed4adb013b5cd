import { describe, expect, it } from "vitest";
import { RecentReads } from "./recent-reads";

/** A read that answers `<key>@<n>` for its n-th call, and counts calls per key. */
function counted() {
  const calls = new Map<string, number>();
  const read = async (key: string) => {
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    if (key === "broken" && n === 1) throw new Error(`cannot read ${key}`);
    return `${key}@${n}`;
  };
  return { calls, read };
}

describe("RecentReads", () => {
  it("shares one read of a key among concurrent and recent askers, and reads each key on its own", async () => {
    const { calls, read } = counted();
    const reads = new RecentReads(read, { now: () => 0 }, 2000);
    expect(await Promise.all([reads.get("default"), reads.get("default"), reads.get("shop")])).toEqual(["default@1", "default@1", "shop@1"]);
    expect(await reads.get("default")).toBe("default@1");
    expect(Object.fromEntries(calls)).toEqual({ default: 1, shop: 1 });
  });

  it("reads again once the read is as old as freshMs, or at once after forgetting it", async () => {
    let now = 0;
    const { read } = counted();
    const reads = new RecentReads(read, { now: () => now }, 2000);
    await reads.get("a");
    await reads.get("b");
    now = 1999;
    expect(await reads.get("a")).toBe("a@1");
    now = 2000;
    expect(await reads.get("a")).toBe("a@2");
    reads.forget("a");
    expect(await reads.get("a")).toBe("a@3");
    expect(await reads.get("b")).toBe("b@2");
    reads.forget();
    expect(await reads.get("b")).toBe("b@3");
  });

  it("keeps no failed read", async () => {
    const { read } = counted();
    const reads = new RecentReads(read, { now: () => 0 }, 2000);
    await expect(reads.get("broken")).rejects.toThrow("cannot read broken");
    expect(await reads.get("broken")).toBe("broken@2");
  });
});
