import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { listLeases, ShardKeeper, type LeaseClient } from "@/lib/shards";
import { until } from "../helpers/until";

/** A Lease client that can be cut off from the API server, as a partitioned or killed replica is. */
function severable(client: LeaseClient): LeaseClient & { cut(): void } {
  let cut = false;
  const guard = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => (...args: A) => (cut ? Promise.reject(new Error("connection refused")) : call(...args));
  return {
    listObjects: guard(client.listObjects.bind(client)),
    replaceObject: guard(client.replaceObject.bind(client)),
    createObject: guard(client.createObject.bind(client)),
    cut: () => {
      cut = true;
    },
  };
}

describe("shard Leases on the real cluster", () => {
  let kube: KubeObjectClient;
  const namespace = `lockstep-leases-${randomBytes(3).toString("hex")}`;
  const keepers: ShardKeeper[] = [];

  beforeAll(async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    kube = KubeObjectClient.forConfig(kc);
    await kube.applyObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
  });

  afterAll(async () => {
    await Promise.all(keepers.map((k) => k.stop().catch(() => undefined)));
    await kube.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
  });

  const keeper = (identity: string, client: LeaseClient = kube) => {
    const made = new ShardKeeper({ client, namespace, identity, shardCount: 4, durationMs: 3_000, tickMs: 300 });
    keepers.push(made);
    return made;
  };

  it("divides the shards between replicas that join, never lets two hold one shard, and hands a cut-off replica's shards over after its Leases expire", async () => {
    const cutA = severable(kube);
    const a = keeper("replica-a", cutA);
    const b = keeper("replica-b");
    const overlaps: number[] = [];
    const watch = setInterval(() => {
      const mine = new Set(a.ownedShards());
      for (const shard of b.ownedShards()) if (mine.has(shard)) overlaps.push(shard);
    }, 20);
    try {
      await a.start(() => {});
      expect(a.ownedShards()).toEqual([0, 1, 2, 3]);

      const changes: number[][] = [];
      await b.start((change) => {
        changes.push(change.acquired);
      });
      await until(async () => [a.ownedShards(), b.ownedShards()], ([ofA, ofB]) => ofA?.length === 2 && ofB?.length === 2, "two shards each");
      expect([...a.ownedShards(), ...b.ownedShards()].sort()).toEqual([0, 1, 2, 3]);
      expect(b.status().replicas.map((r) => r.identity).sort()).toEqual(["replica-a", "replica-b"]);

      const cutAt = Date.now();
      cutA.cut();
      await until(async () => b.ownedShards(), (shards) => shards.length === 4, "replica-b to hold every shard", 15_000);
      const tookMs = Date.now() - cutAt;
      expect(tookMs).toBeLessThan(3_000 + 2 * 300 + 1_000);
      expect(a.ownedShards()).toEqual([]);
      expect([...new Set(changes.flat())].sort()).toEqual([0, 1, 2, 3]);
    } finally {
      clearInterval(watch);
    }
    expect(overlaps).toEqual([]);
  });

  it("gives every Lease back on stop, so another replica takes them at once", async () => {
    const c = keeper("replica-c");
    await until(async () => (await listLeases(kube, namespace)).filter((l) => l.role === "shard" && l.holder === "replica-b").length, (n) => n === 4, "replica-b's leases");
    const b = keepers.find((k) => k.status().identity === "replica-b") as ShardKeeper;
    await c.start(() => {});
    await b.stop();
    await until(async () => c.ownedShards(), (shards) => shards.length === 4, "replica-c to hold every shard", 5_000);
    const leases = await listLeases(kube, namespace);
    expect(leases.filter((l) => l.role === "replica" && l.holder === "replica-b")).toEqual([]);
  });
});
