import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "./client";
import { createStatusWriter, upsertStatement, type StatusRow } from "./status-writes";

let dir: string;
let db: Db;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-status-writes-"));
  db = await openDb(`file:${path.join(dir, "status.db")}`);
});

afterEach(async () => {
  await db.$disconnect();
  await rm(dir, { recursive: true, force: true });
});

async function createApps(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await db.app.create({ data: { name: `app-${i}`, repoUrl: "https://git.example/config.git", destNamespace: `ns-${i}`, status: { create: {} } } })).id);
  return ids;
}

function rowOf(appId: string, revision: string, extra: Partial<StatusRow> = {}): StatusRow {
  return {
    appId,
    syncStatus: "OutOfSync",
    healthStatus: "Healthy",
    revision,
    revisionSubject: `Subject of ${revision}`,
    revisionAuthor: "Ada <ada@example.com>",
    revisionDate: new Date("2026-12-02T01:02:03.456Z"),
    conditions: JSON.stringify([{ type: "SharedResourceWarning", message: "shared", observedAt: "2026-12-02T00:00:00.000Z" }]),
    resources: JSON.stringify([{ subject: "ConfigMap/ns/cm", status: "OutOfSync", state: "modified", changedPaths: [".data.key"] }]),
    reconciledAt: new Date("2026-12-02T02:00:00.000Z"),
    ...extra,
  };
}

/** Counts the statements the writer sends, leaving the database untouched. */
function countingStatements(client: Db): { count: () => number } {
  let count = 0;
  const executeRaw = client.$executeRaw.bind(client);
  client.$executeRaw = ((...args: Parameters<Db["$executeRaw"]>) => {
    count++;
    return executeRaw(...args);
  }) as Db["$executeRaw"];
  return { count: () => count };
}

describe("createStatusWriter", () => {
  it("writes the rows that arrive together as few statements, every column as Prisma reads it back", async () => {
    const ids = await createApps(30);
    const statements = countingStatements(db);
    const writer = createStatusWriter(db);
    await Promise.all(ids.map((id, i) => writer.write(rowOf(id, `rev-${i}`, i % 2 === 0 ? { sourceType: "Kustomize" } : {}))));
    expect(statements.count()).toBe(1);
    const stored = await db.appStatus.findMany({ orderBy: { revision: "asc" } });
    expect(stored).toHaveLength(30);
    const first = stored.find((row) => row.appId === ids[0])!;
    expect(first).toEqual({ ...rowOf(ids[0]!, "rev-0"), sourceType: "Kustomize" });
    expect(stored.find((row) => row.appId === ids[1])!.sourceType).toBeNull();
  });

  it("splits a long queue into batches of at most maxBatch rows", async () => {
    const ids = await createApps(10);
    const statements = countingStatements(db);
    const writer = createStatusWriter(db, { maxBatch: 4 });
    await Promise.all(ids.map((id) => writer.write(rowOf(id, "rev"))));
    expect(statements.count()).toBe(3);
    expect(await db.appStatus.count({ where: { revision: "rev" } })).toBe(10);
  });

  it("keeps the stored source type when a row has none, and replaces it when it has one", async () => {
    const [id] = await createApps(1);
    const writer = createStatusWriter(db);
    await writer.write(rowOf(id!, "one", { sourceType: "Helm" }));
    await writer.write(rowOf(id!, "two"));
    expect(await db.appStatus.findUnique({ where: { appId: id! } })).toMatchObject({ revision: "two", sourceType: "Helm" });
    await writer.write(rowOf(id!, "three", { sourceType: "Directory" }));
    expect(await db.appStatus.findUnique({ where: { appId: id! } })).toMatchObject({ revision: "three", sourceType: "Directory" });
  });

  it("inserts the row of an app that has none", async () => {
    const { id } = await db.app.create({ data: { name: "bare", repoUrl: "https://git.example/config.git", destNamespace: "bare" } });
    await createStatusWriter(db).write(rowOf(id, "first"));
    expect(await db.appStatus.findUnique({ where: { appId: id } })).toMatchObject({ revision: "first", syncStatus: "OutOfSync" });
  });

  it("fails only the write of an app deleted meanwhile, and stores the others of its batch", async () => {
    const ids = await createApps(5);
    await db.app.delete({ where: { id: ids[2]! } });
    const writer = createStatusWriter(db);
    const results = await Promise.allSettled(ids.map((id) => writer.write(rowOf(id, "after-delete"))));
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(await db.appStatus.count({ where: { revision: "after-delete" } })).toBe(4);
    expect(await db.appStatus.findUnique({ where: { appId: ids[2]! } })).toBeNull();
  });

  it("writes the last of two rows of one app in the same batch, and answers both", async () => {
    const [id] = await createApps(1);
    const writer = createStatusWriter(db);
    await Promise.all([writer.write(rowOf(id!, "older")), writer.write(rowOf(id!, "newer"))]);
    expect((await db.appStatus.findUnique({ where: { appId: id! } }))!.revision).toBe("newer");
  });

  it("writes each app once, its last row, in the order of their ids, whatever order the rows came in", () => {
    const { values } = upsertStatement([rowOf("b", "first"), rowOf("c", "only"), rowOf("a", "only"), rowOf("b", "last")]);
    const columns = 11;
    expect(values).toHaveLength(3 * columns);
    expect(values.filter((_, i) => i % columns === 0)).toEqual(["a", "b", "c"]);
    expect(values.filter((_, i) => i % columns === 3)).toEqual(["only", "last", "only"]);
  });
});
