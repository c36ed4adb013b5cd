import { describe, expect, it } from "vitest";

import type { RevisionMemo } from "@/lib/source";

import { createPollScheduler, nextDelayMs, type RefreshOutcome, type SchedulableApp } from "./poll-scheduler";

describe("nextDelayMs", () => {
  it("varies the interval by at most 10% either way", () => {
    expect(nextDelayMs({ intervalMs: 180_000, failures: 0, maxBackoffMs: 600_000, random: 0 })).toBe(162_000);
    expect(nextDelayMs({ intervalMs: 180_000, failures: 0, maxBackoffMs: 600_000, random: 1 })).toBe(198_000);
    expect(nextDelayMs({ intervalMs: 180_000, failures: 0, maxBackoffMs: 600_000, random: 0.5 })).toBe(180_000);
  });

  it("doubles per unreachable refresh in a row, up to the cap", () => {
    const delays = [1, 2, 3, 4, 5].map((failures) => nextDelayMs({ intervalMs: 60_000, failures, maxBackoffMs: 600_000, random: 0.5 }));
    expect(delays).toEqual([120_000, 240_000, 480_000, 600_000, 600_000]);
  });
});

/** A scheduler over a fixed app list, a hand-moved clock and a refresh that records what it was asked. */
function harness(apps: SchedulableApp[], outcome: (name: string) => RefreshOutcome = () => ({ unreachable: false })) {
  let clock = 1_000_000;
  const calls: { name: string; at: number; revisions: RevisionMemo }[] = [];
  const scheduler = createPollScheduler({
    listApps: async () => apps,
    refresh: async (name, revisions) => {
      calls.push({ name, at: clock, revisions });
      return outcome(name);
    },
    intervalMs: 60_000,
    initialSpreadMs: 5_000,
    now: () => clock,
    random: () => 0.5,
  });
  const advance = async (ms: number) => {
    clock += ms;
    await scheduler.tick();
    await scheduler.idle();
  };
  /** The first tick only learns the apps, spreading their first refresh over the next 5 s. */
  const start = () => advance(0);
  return { scheduler, calls, advance, start };
}

describe("createPollScheduler", () => {
  it("refreshes every app once at start, then each on its own interval", async () => {
    const { calls, advance, start } = harness([
      { name: "a", refreshSeconds: null },
      { name: "b", refreshSeconds: 20 },
    ]);
    await start();
    expect(calls).toEqual([]);
    await advance(5_000);
    expect(calls.map((c) => c.name).sort()).toEqual(["a", "b"]);
    await advance(20_000);
    expect(calls.map((c) => c.name)).toEqual(["a", "b", "b"]);
    await advance(40_000);
    expect(calls.map((c) => c.name).sort()).toEqual(["a", "a", "b", "b", "b"]);
  });

  it("gives apps due together one revision memo, so a repository is asked once per cycle", async () => {
    const { calls, advance, start } = harness([
      { name: "a", refreshSeconds: null },
      { name: "b", refreshSeconds: null },
      { name: "c", refreshSeconds: null },
    ]);
    await start();
    await advance(5_000);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.revisions)).size).toBe(1);
  });

  it("backs off while the repository is unreachable and returns to the interval once it answers", async () => {
    let reachable = false;
    const { calls, advance, start } = harness([{ name: "a", refreshSeconds: null }], () => ({ unreachable: !reachable }));
    await start();
    await advance(5_000);
    expect(calls).toHaveLength(1);
    await advance(60_000);
    expect(calls).toHaveLength(1);
    await advance(60_000);
    expect(calls).toHaveLength(2);
    await advance(120_000);
    expect(calls).toHaveLength(2);
    reachable = true;
    await advance(120_000);
    expect(calls).toHaveLength(3);
    await advance(60_000);
    expect(calls).toHaveLength(4);
  });

  it("refreshes requested apps at once with a fresh revision memo", async () => {
    const { scheduler, calls, advance, start } = harness([{ name: "a", refreshSeconds: null }]);
    await start();
    await advance(5_000);
    scheduler.request(["a"]);
    await scheduler.idle();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.revisions).not.toBe(calls[0]?.revisions);
  });

  it("refreshes an app requested mid-refresh once more right after, so a push during a poll is never missed", async () => {
    let release: () => void = () => undefined;
    const calls: string[] = [];
    const scheduler = createPollScheduler({
      listApps: async () => [{ name: "a", refreshSeconds: null }],
      refresh: async (name) => {
        calls.push(name);
        if (calls.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return { unreachable: false };
      },
      intervalMs: 60_000,
      initialSpreadMs: 0,
    });
    await scheduler.tick();
    scheduler.request(["a"]);
    scheduler.request(["a"]);
    expect(calls).toEqual(["a"]);
    release();
    await scheduler.idle();
    await scheduler.idle();
    expect(calls).toEqual(["a", "a"]);
  });
});
