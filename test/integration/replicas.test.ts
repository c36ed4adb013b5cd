import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { createAppOnRepo } from "../helpers/app-fixture";
import { openEventStream } from "../helpers/event-stream";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { until } from "../helpers/until";
import { createDatabase, dropDatabase, startPostgres, type PostgresServer } from "../helpers/postgres";
import { startWebServer, type WebServer } from "../helpers/web-server";

interface ClusterStatus {
  identity: string;
  replicas: { identity: string; shards: number[]; self: boolean }[];
}

interface Operation {
  id: string;
  phase: string;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
  log: { message: string }[];
}

const WAVE = (n: number) => `    argocd.argoproj.io/sync-wave: "${n}"`;
const DEPLOYMENT = (schedulable: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
  annotations:
${WAVE(0)}
spec:
  replicas: 1
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
${schedulable ? "" : '      nodeSelector: { lockstep.dev/no-such-node: "true" }\n'}      containers:
        - name: db
          image: postgres:17
`;
const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: after-db
  annotations:
${WAVE(1)}
data:
  ready: "yes"
`;

/**
 * Two replicas share one PostgreSQL database (replicas require it; this suite starts its own)
 * and one shard Lease: the holder runs the sync — its events reaching the other replica's
 * browsers through LISTEN/NOTIFY — is killed with SIGKILL in the middle of it, and the other
 * takes the shard over, records the sync interrupted (once, not run again) and runs the next one.
 */
describe("replicas sharded by Leases, on the real cluster", () => {
  let kube: KubeObjectClient;
  let git: GitFixture;
  let first: WebServer;
  let second: WebServer;
  let postgres: PostgresServer;
  let databaseUrl: string;
  const namespace = `lockstep-replicas-${randomBytes(3).toString("hex")}`;

  beforeAll(async () => {
    const kubeconfig = inject("kubeconfig");
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    kube = KubeObjectClient.forConfig(kc);
    await kube.applyObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
    git = await createGitFixture();
    postgres = await startPostgres();
    databaseUrl = await createDatabase(postgres.adminUrl, "replicas");
    const sharding = { LOCKSTEP_SHARDS: "1", LOCKSTEP_NAMESPACE: namespace, DATABASE_URL: databaseUrl };
    first = await startWebServer({ kubeconfig, env: { ...sharding, LOCKSTEP_REPLICA_NAME: "replica-one" } });
    await until(async () => (await api<ClusterStatus>(first.url, "GET", "/api/cluster-status")).body, (s) => s.replicas.some((r) => r.self && r.shards.includes(0)), "the first replica to hold the shard");
    second = await startWebServer({ kubeconfig, adminPassword: first.adminPassword, env: { ...sharding, LOCKSTEP_REPLICA_NAME: "replica-two" } });
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await git?.cleanup();
    if (postgres) {
      await dropDatabase(postgres.adminUrl, databaseUrl);
      await postgres.stop();
    }
    await kube?.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
  });

  const statusOf = async (server: WebServer) => (await api<ClusterStatus>(server.url, "GET", "/api/cluster-status")).body;

  it("fails a sync over to the other replica when its holder is killed, with the history intact and nothing run twice", async () => {
    const seen = await until(() => statusOf(second), (s) => s.replicas.length === 2, "both replicas in the status");
    expect(seen.replicas.find((r) => r.identity.startsWith("replica-one:"))?.shards).toEqual([0]);
    expect(seen.replicas.find((r) => r.identity.startsWith("replica-two:"))?.shards).toEqual([]);

    const { name, namespace: appNamespace, repo } = await createAppOnRepo(second, git, { "kustomization.yaml": "resources: [db.yaml, after.yaml]\n", "db.yaml": DEPLOYMENT(false), "after.yaml": CONFIGMAP });
    const stream = await openEventStream(`${second.url}/api/apps/${name}/events`, { token: second.adminToken });
    const queued = await api<{ id: string }>(second.url, "POST", `/api/apps/${name}/sync`, {});
    expect(queued.status, queued.text).toBe(202);
    const view = (server: WebServer, id: string) => api<Operation>(server.url, "GET", `/api/apps/${name}/operations/${id}`);
    await until(async () => (await view(second, queued.body.id)).body, (op) => op.log.some((l) => l.message.startsWith("Waiting for wave 0")), "the first replica's sync to wait for wave 0");

    const relayed = await until(async () => stream.events, (events) => events.some((e) => e.event === "change" && JSON.stringify(e.data).includes('"syncPhase":"Sync"')), "the first replica's progress on the second replica's stream");
    expect(relayed.length).toBeGreaterThan(0);
    stream.close();

    const killedAt = Date.now();
    await first.kill();
    await until(() => statusOf(second), (s) => s.replicas.some((r) => r.self && r.shards.includes(0)), "the second replica to take the shard over", 30_000);
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs, "the Lease expires at most 15 s after the kill; the survivor wakes just after").toBeLessThan(15_000 + 1_500);

    const interrupted = await until(async () => (await view(second, queued.body.id)).body, (op) => op.phase === "Failed", "the sync to be recorded interrupted");
    expect(interrupted.message).toMatch(/^interrupted: replica replica-one:\d+ stopped holding the app's shard$/);
    expect(interrupted.log.map((l) => l.message).join("\n")).toContain("The operation was not run again.");
    expect(await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "after-db", namespace: appNamespace } })).toBeUndefined();

    await commitFiles(repo, { files: { "db.yaml": DEPLOYMENT(true) }, message: "Schedule db" });
    const resumed = await api<Operation>(second.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(resumed.body.phase, resumed.text).toBe("Succeeded");

    const history = (await api<Operation[]>(second.url, "GET", `/api/apps/${name}/history`)).body;
    expect(history.map((op) => op.phase).sort()).toEqual(["Failed", "Succeeded"]);
    const [older, newer] = [...history].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
    expect(Date.parse(String(older?.finishedAt))).toBeLessThanOrEqual(Date.parse(String(newer?.startedAt)));

    const after = await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "after-db", namespace: appNamespace } });
    const writes = (after?.metadata.managedFields as { manager: string; operation: string; time: string }[]).filter((m) => m.manager === "lockstep");
    expect(writes).toHaveLength(1);
    expect(Date.parse(String(writes[0]?.time))).toBeGreaterThanOrEqual(Math.floor(killedAt / 1000) * 1000);
    console.log(`shard takeover after SIGKILL: ${takeoverMs} ms`);
  });
});
