import { spawn } from "node:child_process";
import { mkdtemp, readdir, readlink, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CorruptRowError } from "./corrupt-row-error";
import { openDatabase, openDatabaseLazily, type Database } from "./database";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";

const spec = { repoUrl: "https://git.example/repo.git", targetRevision: "HEAD", path: ".", destCluster: "local", destNamespace: "web", automated: false, prune: false, selfHeal: false, createNamespace: false, historyLimit: null, refreshSeconds: null, project: "default" };

describe("two databases on two SQLite files", () => {
  let dir: string;
  let first: Database;
  let second: Database;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-db-"));
    first = await openDatabase({ url: `file:${path.join(dir, "first.db")}` });
    second = await openDatabase({ url: `file:${path.join(dir, "second.db")}` });
  });

  afterEach(async () => {
    await Promise.all([first.close(), second.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it("keep their own apps, users and operation locks", async () => {
    const app = await first.apps.createApp({ name: "web", ...spec });
    await first.users.createUser({ name: "alice", role: "admin", passwordHash: null });
    await first.queue.enqueueOperation({ appId: app.id, kind: "sync", initiator: "alice", dryRun: false, prune: false, request: {} }, "web");

    await expect(second.apps.getApp("web")).rejects.toThrow('Application "web" does not exist.');
    expect(await second.users.listUsers()).toEqual([]);
    const other = await second.apps.createApp({ name: "web", ...spec });
    expect(await second.operations.isOperationRunning(other.id)).toBe(false);
    expect(await first.operations.isOperationRunning(app.id)).toBe(true);
    expect((await first.apps.listApps()).total).toBe(1);
  });

  it("answer a session's user from the same database", async () => {
    const user = await first.users.createUser({ name: "bob", role: "deployer", grants: ["web-*"], passwordHash: null });
    await first.sessions.createSession({ id: "digest", userId: user.id, expiresAt: new Date(Date.now() + 60_000) });
    expect((await first.sessions.findSessionUser("digest"))?.grants).toEqual(["web-*"]);
    expect(await second.sessions.findSessionUser("digest")).toBeUndefined();
  });

  it("refuse a row whose JSON column was corrupted, naming it", async () => {
    const user = await first.users.createUser({ name: "carol", role: "viewer", passwordHash: null });
    await first.prisma.user.update({ where: { id: user.id }, data: { grants: '{"not":"a list"}' } });
    await expect(first.users.findUser("carol")).rejects.toThrow(CorruptRowError);
    await expect(first.users.findUser("carol")).rejects.toThrow(`The grants column of User row "${user.id}" does not hold valid data.`);
  });
});

describe("SQLite connections", () => {
  let temp: TempDatabase;
  let db: Database;

  beforeEach(async () => {
    temp = await openTempDatabase("db-connections");
    db = temp.db;
  });

  afterEach(() => temp.dispose());

  /** How many descriptors this process holds open on the database file. */
  async function openDescriptors(): Promise<number> {
    const file = path.join(temp.dir, "db-connections.db");
    const links = await Promise.all((await readdir("/proc/self/fd")).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => "")));
    return links.filter((link) => link === file).length;
  }

  it("are reused across transactions: a hundred transactions do not leave a hundred connections open", async () => {
    for (let i = 0; i < 100; i++) await db.prisma.$transaction(async (tx) => tx.user.create({ data: { name: `user-${i}`, role: "viewer" } }));
    expect(await db.prisma.user.count()).toBe(100);
    expect(await openDescriptors()).toBeGreaterThan(0);
    expect(await openDescriptors()).toBeLessThanOrEqual(4);
  });

  it("journal to a write-ahead log synced at checkpoints, still after a transaction and concurrent writes", async () => {
    const setting = async () => Number((await db.prisma.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous"))[0]?.synchronous);
    const journal = await db.prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(journal[0]?.journal_mode).toBe("wal");
    expect(await setting()).toBe(1);
    await db.prisma.$transaction(async (tx) => tx.user.create({ data: { name: "in-a-transaction", role: "viewer" } }));
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.prisma.user.create({ data: { name: `at-once-${i}`, role: "viewer" } })));
    expect(await setting()).toBe(1);
  });

  it("wait for another process's write lock instead of failing at once", async () => {
    const file = path.join(temp.dir, "db-connections.db");
    const holder = `const { createClient } = require("@libsql/client");
      const c = createClient({ url: "file:" + process.argv[1] });
      c.transaction("write").then(async (tx) => {
        await tx.execute("INSERT INTO User (id, name, updatedAt) VALUES ('held', 'held', 0)");
        process.stdout.write("locked\\n");
        setTimeout(() => tx.commit().then(() => c.close()), 700);
      });`;
    const child = spawn(process.execPath, ["-e", holder, file], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    await db.prisma.user.create({ data: { name: "waiting", role: "viewer" } });
    expect((await db.prisma.user.findMany({ orderBy: { name: "asc" } })).map((u) => u.name)).toEqual(["held", "waiting"]);
    expect(await exited).toBe(0);
  });
});

describe("a lazily opened database", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-lazy-db-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("answers store calls made before it opened, on the one database it opens", async () => {
    const lazy = openDatabaseLazily({ url: `file:${path.join(dir, "lazy.db")}` });
    const created = lazy.stores.users.createUser({ name: "carol", role: "viewer", passwordHash: null });

    expect((await created).name).toBe("carol");
    expect((await lazy.stores.users.listUsers()).map((u) => u.name)).toEqual(["carol"]);
    const database = await lazy.ready();
    expect(await lazy.ready()).toBe(database);
    expect((await database.users.listUsers()).map((u) => u.name)).toEqual(["carol"]);
    await lazy.close();
  });

  it("opens again on the next call after an open failed", async () => {
    const blocker = path.join(dir, "not-yet");
    await writeFile(blocker, "a file where the database's directory should be");
    const lazy = openDatabaseLazily({ url: `file:${path.join(blocker, "lazy.db")}` });

    await expect(lazy.stores.users.countUsers()).rejects.toThrow();
    await rm(blocker);
    expect(await lazy.stores.users.countUsers()).toBe(0);
    await lazy.close();
  });
});
