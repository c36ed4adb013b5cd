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

describe.each(["sqlite", "postgresql"] as const)("the stores on %s", (dialect) => {
  let server: PostgresServer | undefined;
  let dir: string;
  let url: string;
  let db: Database;

  beforeAll(async () => {
    if (dialect === "postgresql") server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-dialects-"));
    url = server ? await createDatabase(server.adminUrl, "stores") : `file:${path.join(dir, "stores.db")}`;
    db = await openDatabase({ url });
  });

  afterEach(async () => {
    await db.close();
    if (server) await dropDatabase(server.adminUrl, url);
    await rm(dir, { recursive: true, force: true });
  });

  it("open the dialect the URL names", () => {
    expect(db.dialect).toBe(dialect);
  });

  it("keep every line of an operation's log when many are appended at once", async () => {
    const app = await db.apps.createApp({ name: "web", ...spec });
    const op = await db.queue.enqueueOperation({ appId: app.id, kind: "sync", initiator: "alice", dryRun: false, prune: false, request: {} }, "web");
    const messages = Array.from({ length: 20 }, (_, i) => `retry ${i} of "web" — ünïcode`);
    await Promise.all(messages.map((message) => db.operations.appendOperationLog(op.id, message)));
    const { log } = await db.operations.getOperation(app.id, op.id);
    expect(log.map((entry) => entry.message).sort()).toEqual([...messages].sort());
    expect(log.every((entry) => !Number.isNaN(Date.parse(entry.at)))).toBe(true);
  });

  it("search apps ignoring case", async () => {
    await db.apps.createApp({ name: "web", ...spec });
    await db.apps.createApp({ name: "api", ...spec, repoUrl: "https://git.example/other.git", destNamespace: "api" });
    expect((await db.apps.listApps({ search: "team/WEB" })).rows.map((row) => row.name)).toEqual(["web"]);
    expect((await db.apps.listApps({ search: "API" })).rows.map((row) => row.name)).toEqual(["api"]);
  });

  // Several Prisma clients on one SQLite file meet SQLITE_BUSY under contention (the busy timeout
  // is set on the migrating connection only); replicas share PostgreSQL, so these race there.
  it.runIf(dialect === "postgresql")("let exactly one of several workers claim a queued operation", async () => {
    const app = await db.apps.createApp({ name: "web", ...spec });
    const op = await db.queue.enqueueOperation({ appId: app.id, kind: "sync", initiator: "alice", dryRun: false, prune: false, request: {} }, "web");
    const others = await Promise.all([openDatabase({ url }), openDatabase({ url })]);
    try {
      const claims = await Promise.all([db, ...others].map((worker, i) => worker.queue.claimOperation(op.id, `host:${i}`, new Date())));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await db.operations.getOperation(app.id, op.id)).phase).toBe("Running");
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it.runIf(dialect === "postgresql")("refuse a second operation for an app while one is queued, whichever process asks", async () => {
    const app = await db.apps.createApp({ name: "web", ...spec });
    const other = await openDatabase({ url });
    try {
      const request = { appId: app.id, kind: "sync" as const, initiator: "alice", dryRun: false, prune: false, request: {} };
      const results = await Promise.allSettled([db.queue.enqueueOperation(request, "web"), other.queue.enqueueOperation(request, "web")]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ kind: "conflict" });
    } finally {
      await other.close();
    }
  });

  it("store and read back manifests, dates and the default project", async () => {
    const app = await db.apps.createApp({ name: "web", ...spec });
    const op = await db.queue.enqueueOperation({ appId: app.id, kind: "sync", initiator: "alice", dryRun: false, prune: false, request: {} }, "web");
    const manifests = [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", namespace: "web" }, data: { key: "välue" } }];
    const finished = await db.operations.finishOperation(op.id, { phase: "Succeeded", results: [], manifests });
    expect(await db.operations.getOperationManifests(op.id)).toEqual(manifests);
    expect(finished.finishedAt).toBeInstanceOf(Date);
    expect(Math.abs(finished.finishedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect((await db.projects.getProject("default")).name).toBe("default");
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
