/**
 * Two replicas on the scale fixture: a second configuration of Lockstep — two `next start`
 * replicas sharing one PostgreSQL database and the apps' shards through Leases — given the
 * same apps (names, repository, paths and destinations, so they find the fixture's live
 * objects already synced). It measures a full refresh split between the replicas (each
 * refreshing the apps of the shards it holds, at the same time), against the one-replica full
 * refresh of the same run as the peer, and the failover after SIGKILL: from killing the replica
 * holding shards to the other holding every shard.
 */
import { randomBytes } from "node:crypto";
import { shardOf } from "@/lib/shards/shard-of";
import { createDatabase, dropDatabase, startPostgres } from "@/test/helpers/postgres";
import { startWebServer, type WebServer } from "@/test/helpers/web-server";
import type { Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import { LockstepClient } from "../lib/lockstep-client";
import type { BenchOptions } from "../lib/options";
import { mapWithLimit, timed } from "../lib/stats";
import { SCALE_CONCURRENCY, syncedScaleFixture } from "./scale-fixture";

const SHARDS = 8;

interface ClusterStatus {
  replicas: { identity: string; shards: number[]; self: boolean }[];
}

const refreshSpec = (o: BenchOptions): FigureSpec => ({
  id: "scale.replicas.full-refresh",
  group: "scale-replicas",
  title: `Full refresh of ${o.apps} apps × ${o.objectsPerApp} objects on two replicas (PostgreSQL)`,
  unit: "ms",
  method: `each of two replicas (one PostgreSQL, ${SHARDS} shards held through Leases) refreshes the apps of its own shards with one POST /api/refresh, both at once, until both answer; the second of two rounds (the first warms each replica's render and dry-run caches, as the one-replica peer's are)`,
  peer: { name: "one replica on SQLite (scale.full-refresh of this run)", kind: "measured", note: "same apps and live objects; the peer is the run's one-replica full refresh" },
});

const failoverSpec = (o: BenchOptions): FigureSpec => ({
  id: "scale.replicas.failover",
  group: "scale-replicas",
  title: `Failover after SIGKILL, two replicas, ${o.apps} apps`,
  unit: "ms",
  method: "SIGKILL of the replica holding half the shards, until the other replica's /api/cluster-status says it holds every shard (Lease duration 15 s, renewed every 3 s)",
  peer: null,
});

async function statusOf(server: WebServer): Promise<ClusterStatus> {
  return (await new LockstepClient(server.url).raw("GET", "/api/cluster-status")).body as unknown as ClusterStatus;
}

async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Two replicas on the scale fixture: split full refresh and failover. */
export const scaleReplicasMeasurement: Measurement = {
  id: "scale-replicas",
  title: "Scale: two replicas on PostgreSQL",
  requires: [],
  figures: (options) => [refreshSpec(options), failoverSpec(options)],
  async run(context, record) {
    const fixture = await syncedScaleFixture(context);
    const leaseNamespace = context.namespaces.nameFor(`leases-${randomBytes(2).toString("hex")}`);
    await context.namespaces.create([leaseNamespace]);
    const postgres = await startPostgres();
    const databaseUrl = await createDatabase(postgres.adminUrl, "bench");
    const servers: WebServer[] = [];
    try {
      const env = { DATABASE_URL: databaseUrl, LOCKSTEP_SHARDS: String(SHARDS), LOCKSTEP_NAMESPACE: leaseNamespace, LOCKSTEP_WEBHOOK_SECRET: context.webhookSecret };
      const kubeconfig = context.kubeconfig;
      const first = await startWebServer({ kubeconfig, env: { ...env, LOCKSTEP_REPLICA_NAME: "bench-one" } });
      servers.push(first);
      const second = await startWebServer({ kubeconfig, adminPassword: first.adminPassword, env: { ...env, LOCKSTEP_REPLICA_NAME: "bench-two" } });
      servers.push(second);
      await until(() => statusOf(second), (s) => s.replicas.length === 2 && s.replicas.every((r) => r.shards.length === SHARDS / 2), 60_000, "the shards to be split between the replicas");

      context.log(`scale-replicas: creating ${fixture.apps.length} apps on the replicas' database`);
      const client = new LockstepClient(first.url);
      const pad = (i: number) => String(i).padStart(4, "0");
      await mapWithLimit(fixture.apps, SCALE_CONCURRENCY, (name, i) =>
        client.createApp({ name, repoUrl: fixture.repo.url, path: `apps/app-${pad(i)}`, destNamespace: context.namespaces.nameFor(`sc-${pad(i)}`) }),
      );

      const split = await Promise.all(
        servers.map(async (server) => {
          const mine = (await statusOf(server)).replicas.find((r) => r.self)?.shards ?? [];
          return { server, apps: fixture.apps.filter((name) => mine.includes(shardOf(name, SHARDS))) };
        }),
      );
      context.log(`scale-replicas: full refresh split ${split.map((s) => s.apps.length).join(" + ")}, once to warm each replica's caches, then timed`);
      const refreshSplit = () => Promise.all(split.map(({ server, apps }) => new LockstepClient(server.url).refreshMany(apps)));
      const cold = await timed(refreshSplit);
      const refresh = await timed(refreshSplit);
      const synced = refresh.result.flatMap((r) => r.apps).filter((app) => app.syncStatus === "Synced").length;
      const single = context.shared.get("scale.full-refresh-ms") as number | undefined;
      record(
        measured(refreshSpec(context.options), [refresh.ms], {
          ...(single !== undefined ? { peerSamples: [single] } : {}),
          notes: [`${synced} of ${fixture.apps.length} apps Synced after the refresh; ${split.map((s) => s.apps.length).join(" + ")} apps per replica; the first (cold) round took ${Math.round(cold.ms)} ms`, ...(single === undefined ? ["the one-replica full refresh was not measured in this run (add scale-refresh)"] : [])],
        }),
      );

      const killedAt = performance.now();
      await first.kill();
      await until(() => statusOf(second), (s) => (s.replicas.find((r) => r.self)?.shards.length ?? 0) === SHARDS, 60_000, "the second replica to hold every shard");
      record(measured(failoverSpec(context.options), [performance.now() - killedAt], { notes: [`${SHARDS} shards, ${SHARDS / 2} of them moved`] }));
    } finally {
      for (const server of servers.reverse()) await server.stop().catch(() => undefined);
      await dropDatabase(postgres.adminUrl, databaseUrl).catch(() => undefined);
      await postgres.stop();
    }
  },
};
