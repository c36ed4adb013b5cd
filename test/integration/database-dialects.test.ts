/**
 * The stores' dialect-specific behaviour, on SQLite and on a throwaway PostgreSQL: the
 * one-statement log append, case-insensitive search, and the operation queue's conditional
 * updates under concurrent claims — what lib/db/dialect.ts and the queue's atomicity promise.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { createDatabase, dropDatabase, startPostgres, type PostgresServer } from "@/test/helpers/postgres";

const spec = { repoUrl: "https://git.example/Team/Web.git", targetRevision: "HEAD", path: ".", destCluster: "local", destNamespace: "web", automated: false, prune: false, selfHeal: false, createNamespace: false, historyLimit: null, refreshSeconds: null, project: "default" };

/** A fresh database of `dialect` before each test (a throwaway PostgreSQL server for the suite). */
function useStores(dialect: "sqlite" | "postgresql"): { db: Database; url: string } {
  const current = {} as { db: Database; url: string };
  let server: PostgresServer | undefined;
  let dir: string;

  beforeAll(async () => {
    if (dialect === "postgresql") server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-dialects-"));
    current.url = server ? await createDatabase(server.adminUrl, "stores") : `file:${path.join(dir, "stores.db")}`;
    current.db = await openDatabase({ url: current.url });
  });

  afterEach(async () => {
    await current.db.close();
    if (server) await dropDatabase(server.adminUrl, current.url);
    await rm(dir, { recursive: true, force: true });
  });
  return current;
}

describe.each(["sqlite", "postgresql"] as const)("the stores on %s", (dialect) => {
  const stores = useStores(dialect);

  it("open the dialect the URL names", () => {
    expect(stores.db.dialect).toBe(dialect);
  });

  it("keep every line of an operation's log when many are appended at once", async () => {
    const app = await stores.db.apps.createApp({ name: "web", ...spec });
    const op = await stores.db.queue.enqueueOperation({ appId: app.id, kind: "sync", initiator: "alice", dryRun: false, prune: false, request: {} }, "web");
    const messages = Array.from({ length: 20 }, (_, i) => `retry ${i} of "web" — ünïcode`);
    await Promise.all(messages.map((message) => stores.db.operations.appendOperationLog(op.id, message)));
    const { log } = await stores.db.operations.getOperation(app.id, op.id);
    expect(log.map((entry) => entry.message).sort()).toEqual([...messages].sort());
    expect(log.every((entry) => !Number.isNaN(Date.parse(entry.at)))).toBe(true);
  });

  it("read an app with its stored resource rows, and the same app as getApp and getStatusResources give it", async () => {
    const app = await stores.db.apps.createApp({ name: "web", ...spec });
    expect(await stores.db.apps.getAppWithResources("web")).toEqual({ app, resources: [] });
    const rows = [{ subject: "ConfigMap/web/cm", kind: "ConfigMap", namespace: "web", name: "cm", status: "OutOfSync", state: "modified", changedPaths: [".data.key"] }];
    await stores.db.apps.saveStatus(app.id, { syncStatus: "OutOfSync", healthStatus: "Healthy", revision: "a".repeat(40), conditions: [], resources: rows });
    const read = await stores.db.apps.getAppWithResources("web");
    expect(read).toEqual({ app: await stores.db.apps.getApp("web"), resources: await stores.db.apps.getStatusResources(app.id) });
    expect(read.resources).toEqual(rows);
    expect(read.app.status.syncStatus).toBe("OutOfSync");
    await expect(stores.db.apps.getAppWithResources("nope")).rejects.toThrow('Application "nope" does not exist.');
  });

  it("store the statuses of many apps written at once, refusing only an app deleted meanwhile", async () => {
    const apps = await Promise.all(Array.from({ length: 12 }, (_, i) => stores.db.apps.createApp({ name: `web-${i}`, ...spec, destNamespace: `web-${i}` })));
    await stores.db.apps.saveStatus(apps[0]!.id, { syncStatus: "Synced", healthStatus: "Healthy", conditions: [], resources: [], sourceType: "Kustomize" });
    await stores.db.apps.deleteApp("web-5");
    const revisionDate = new Date("2026-12-02T01:02:03.456Z");
    const rowOf = (i: number) => ({ subject: `ConfigMap/web-${i}/cm`, kind: "ConfigMap", namespace: `web-${i}`, name: "cm", status: "OutOfSync", state: "modified", changedPaths: [".data.key"] });
    const results = await Promise.allSettled(
      apps.map((app, i) =>
        stores.db.apps.saveStatus(app.id, { syncStatus: "OutOfSync", healthStatus: "Progressing", revision: `rev-${i}`, revisionSubject: "Bump 'web' — ünïcode", revisionAuthor: "Ada", revisionDate, conditions: [], resources: [rowOf(i)] }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(apps.map((_, i) => (i === 5 ? "rejected" : "fulfilled")));
    const read = await stores.db.apps.getAppWithResources("web-0");
    expect(read.app.status).toMatchObject({ syncStatus: "OutOfSync", healthStatus: "Progressing", revision: "rev-0", revisionSubject: "Bump 'web' — ünïcode", revisionDate, sourceType: "Kustomize" });
    expect(read.app.status.reconciledAt).toBeInstanceOf(Date);
    expect(read.resources).toEqual([rowOf(0)]);
    expect((await stores.db.apps.listApps({ syncStatus: "OutOfSync", pageSize: 50 })).total).toBe(11);
  });

  it("search apps ignoring case", async () => {
    await stores.db.apps.createApp({ name: "web", ...spec });
    await stores.db.apps.createApp({ name: "api", ...spec, repoUrl: "https://git.example/other.git", destNamespace: "api" });
    expect((await stores.db.apps.listApps({ search: "team/WEB" })).rows.map((row) => row.name)).toEqual(["web"]);
    expect((await stores.db.apps.listApps({ search: "API" })).rows.map((row) => row.name)).toEqual(["api"]);
  });

  it("store and read back manifests, dates and the default project", async () => {
    const app = await stores.db.apps.createApp({ name: "web", ...spec });
    const op = await stores.db.queue.enqueueOperation({ appId: app.id, kind: "sync", initiator: "alice", dryRun: false, prune: false, request: {} }, "web");
    const manifests = [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", namespace: "web" }, data: { key: "välue" } }];
    const finished = await stores.db.operations.finishOperation(op.id, { phase: "Succeeded", results: [], manifests });
    expect(await stores.db.operations.getOperationManifests(op.id)).toEqual(manifests);
    expect(finished.finishedAt).toBeInstanceOf(Date);
    expect(Math.abs(finished.finishedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await stores.db.projects.getProject("default")).name).toBe("default");
  });
});

describe("opening a database", () => {
  it("refuses a URL of another kind in one sentence that shows no credentials", async () => {
    await expect(openDatabase({ url: "mysql://root:hunter2@db/lockstep" })).rejects.toThrow(
      /^DATABASE_URL must be a SQLite file URL \(file:\.\/\.data\/lockstep\.db\) or a PostgreSQL URL \(postgresql:\/\/user@host\/db\); got a "mysql:" URL\.$/,
    );
  });

  it("says which PostgreSQL server did not answer, without its password", async () => {
    const error = await openDatabase({ url: "postgresql://lockstep:hunter2@127.0.0.1:1/lockstep" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unreachable" });
    expect(String((error as Error).message)).toMatch(/^PostgreSQL at 127\.0\.0\.1:1\/lockstep cannot be reached: /);
    expect(String((error as Error).message)).not.toContain("hunter2");
  });
});

/**
 * Several processes racing on one database: PostgreSQL, which replicas share (several Prisma
 * clients on one SQLite file meet SQLITE_BUSY under contention, so replicas require PostgreSQL).
 */
describe("several processes on one PostgreSQL database", () => {
  const stores = useStores("postgresql");

  it("let exactly one of several workers claim a queued operation", async () => {
    const app = await stores.db.apps.createApp({ name: "web", ...spec });
    const op = await stores.db.queue.enqueueOperation({ appId: app.id, kind: "sync", initiator: "alice", dryRun: false, prune: false, request: {} }, "web");
    const others = await Promise.all([openDatabase({ url: stores.url }), openDatabase({ url: stores.url })]);
    try {
      const claims = await Promise.all([stores.db, ...others].map((worker, i) => worker.queue.claimOperation(op.id, `host:${i}`, new Date())));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await stores.db.operations.getOperation(app.id, op.id)).phase).toBe("Running");
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it("refuse a second operation for an app while one is queued, whichever process asks", async () => {
    const app = await stores.db.apps.createApp({ name: "web", ...spec });
    const other = await openDatabase({ url: stores.url });
    try {
      const request = { appId: app.id, kind: "sync" as const, initiator: "alice", dryRun: false, prune: false, request: {} };
      const results = await Promise.allSettled([stores.db.queue.enqueueOperation(request, "web"), other.queue.enqueueOperation(request, "web")]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ kind: "conflict" });
    } finally {
      await other.close();
    }
  });

});
