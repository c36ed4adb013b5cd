import { describe, expect, it } from "vitest";
import { fairShare, isLive, planShards, type LeaseState } from "./balance";
import { shardOf } from "./shard-of";

const now = 100_000;
const lease = (holder: string, renewedAt = now - 1_000): LeaseState => ({ holder, renewedAt, durationMs: 15_000 });

describe("shardOf", () => {
  it("puts a name in the same shard every time, within the count", () => {
    expect(shardOf("guestbook", 4)).toBe(shardOf("guestbook", 4));
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`app-${i}`, 4)));
    expect([...shards].sort()).toEqual([0, 1, 2, 3]);
    expect(shardOf("anything", 1)).toBe(0);
  });
});

describe("planShards", () => {
  it("takes every free shard when alone", () => {
    expect(planShards({ me: "a", shardCount: 3, replicas: ["a"], leases: new Map(), now })).toEqual({ renew: [], acquire: [0, 1, 2], release: [] });
  });

  it("gives back its highest shards when a second replica joins, and the newcomer takes them once free", () => {
    const held = new Map([0, 1, 2, 3].map((s) => [s, lease("a")] as const));
    expect(planShards({ me: "a", shardCount: 4, replicas: ["a", "b"], leases: held, now })).toEqual({ renew: [0, 1], acquire: [], release: [3, 2] });
    expect(planShards({ me: "b", shardCount: 4, replicas: ["a", "b"], leases: held, now }).acquire).toEqual([]);
    const released = new Map([...held, [2, lease("")], [3, lease("")]]);
    expect(planShards({ me: "b", shardCount: 4, replicas: ["a", "b"], leases: released, now }).acquire).toEqual([2, 3]);
  });

  it("takes the shards of a replica whose Leases expired, and never a live one", () => {
    const leases = new Map([
      [0, lease("a")],
      [1, lease("dead", now - 20_000)],
    ]);
    expect(planShards({ me: "b", shardCount: 2, replicas: ["a", "b"], leases, now })).toEqual({ renew: [], acquire: [1], release: [] });
    expect(isLive(leases.get(1), now)).toBe(false);
  });

  it("rounds the fair share up so every shard has a holder", () => {
    expect(fairShare(10, 3)).toBe(4);
    expect(fairShare(2, 3)).toBe(1);
  });
});
