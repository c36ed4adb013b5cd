import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { ConflictError } from "@/lib/errors";

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { sqliteThreadFromEnv } from "./config";
import { openDatabase, type Database } from "./database";

const spec = { repoUrl: "https://git.example/repo.git", targetRevision: "HEAD", path: ".", destCluster: "local", destNamespace: "web", automated: false, prune: false, selfHeal: false, createNamespace: false, historyLimit: null, refreshSeconds: null, project: "default" };

/** A statement SQLite spends a few hundred milliseconds on. */
const SLOW_COUNT = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c";

describe("LOCKSTEP_SQLITE_THREAD", () => {
  it("turns the SQLite thread on with true, leaves it off by default, and refuses other values", () => {
    expect(sqliteThreadFromEnv({ LOCKSTEP_SQLITE_THREAD: "true" })).toBe(true);
    expect(sqliteThreadFromEnv({ LOCKSTEP_SQLITE_THREAD: "false" })).toBe(false);
    expect(sqliteThreadFromEnv({})).toBe(false);
    expect(() => sqliteThreadFromEnv({ LOCKSTEP_SQLITE_THREAD: "yes" })).toThrow('LOCKSTEP_SQLITE_THREAD must be true or false, not "yes".');
  });
});

describe("SQLite on a thread of its own", () => {
  let dir: string;
  let db: Database;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-threaded-sqlite-"));
    db = await openDatabase({ url: `file:${path.join(dir, "threaded.db")}`, sqliteThread: true });
  });

  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("leaves the server's thread free while a statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const [row] = await db.prisma.$queryRawUnsafe<{ n: bigint | number }[]>(SLOW_COUNT);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(Number(row?.n)).toBe(3_000_000);
    expect(elapsed).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 5 / 4));
  });

  it("answers the adapter's errors as before: a taken name is a conflict, and a failed transaction leaves nothing", async () => {
    await db.apps.createApp({ name: "web", ...spec });
    await expect(db.apps.createApp({ name: "web", ...spec })).rejects.toThrow(ConflictError);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.user.create({ data: { name: "rolled-back", role: "viewer" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.prisma.user.count({ where: { name: "rolled-back" } })).toBe(0);
    await expect(db.prisma.$queryRawUnsafe("SELECT * FROM NoSuchTable")).rejects.toThrow(/NoSuchTable/);
  });

  it("runs many calls at once, transactions among them, each with its own answer", async () => {
    const writes = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? db.prisma.$transaction(async (tx) => tx.user.create({ data: { name: `tx-${i}`, role: "viewer" } })) : db.prisma.user.create({ data: { name: `plain-${i}`, role: "viewer" } }),
    );
    const names = (await Promise.all(writes)).map((user) => user.name);
    expect(names).toEqual(Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `tx-${i}` : `plain-${i}`)));
    expect(await db.prisma.user.count()).toBe(30);
  });
});
