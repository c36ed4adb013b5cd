import { describe, expect, it } from "vitest";
import { createBatchedCalls, type BatchRunner } from "./batched-calls";

/** A runner that records its batches and doubles each number, refusing negative ones. */
function doubling(): { run: BatchRunner<number, number>; batches: number[][] } {
  const batches: number[][] = [];
  return {
    batches,
    run: async (items) => {
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.map((n) => (n < 0 ? { status: "rejected", reason: new Error(`negative ${n}`) } : { status: "fulfilled", value: n * 2 }));
    },
  };
}

describe("createBatchedCalls", () => {
  it("answers the calls of one turn as one batch, each with its own result", async () => {
    const { run, batches } = doubling();
    const call = createBatchedCalls(run);
    expect(await Promise.all([1, 2, 3].map(call))).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("gathers the calls that arrive while a batch runs into the next one", async () => {
    const { run, batches } = doubling();
    const call = createBatchedCalls(run);
    const first = call(1);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const later = [call(2), call(3)];
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it("takes at most maxBatch items per batch", async () => {
    const { run, batches } = doubling();
    const call = createBatchedCalls(run, { maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map(call));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("fails only the call whose outcome is a rejection", async () => {
    const { run } = doubling();
    const call = createBatchedCalls(run);
    const results = await Promise.allSettled([1, -2, 3].map(call));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([2, "negative -2", 6]);
  });

  it("fails every call of a batch whose runner throws, and runs the next batch as usual", async () => {
    let calls = 0;
    const call = createBatchedCalls<number, number>(async (items) => {
      if (calls++ === 0) throw new Error("database gone");
      return items.map((n) => ({ status: "fulfilled", value: n }));
    });
    const failed = await Promise.allSettled([1, 2].map(call));
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await call(7)).toBe(7);
  });

  it("fails the calls a runner left without an outcome", async () => {
    const call = createBatchedCalls<number, number>(async () => [{ status: "fulfilled", value: 1 }]);
    const results = await Promise.allSettled([1, 2].map(call));
    expect(results[0]).toEqual({ status: "fulfilled", value: 1 });
    expect(results[1]!.status).toBe("rejected");
  });
});
