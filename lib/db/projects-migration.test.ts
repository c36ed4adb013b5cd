import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, readMigrations } from "./migrate";
import { applyMigrations } from "./migrate-sqlite";

const PROJECTS_MIGRATION = "20261201090000_projects";

async function rows(db: Client, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.execute(sql)).rows as unknown as Record<string, unknown>[];
}

describe("the projects migration, on a database made before it", () => {
  let dir: string;
  let db: Client;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-migration-"));
    const before = path.join(dir, "before");
    for (const migration of await readMigrations()) {
      if (migration.name < PROJECTS_MIGRATION) await cp(path.join(MIGRATIONS_DIR, migration.name), path.join(before, migration.name), { recursive: true });
    }
    db = createClient({ url: `file:${path.join(dir, "old.db")}` });
    await applyMigrations(db, before);
    await db.executeMultiple(`
      INSERT INTO "App" ("id", "name", "repoUrl", "destNamespace", "automated", "historyLimit", "refreshSeconds", "updatedAt")
        VALUES ('app-1', 'web', 'https://git.example/web.git', 'web', true, 7, 60, CURRENT_TIMESTAMP);
      INSERT INTO "AppStatus" ("appId", "syncStatus", "conditions") VALUES ('app-1', 'Synced', '[]');
      INSERT INTO "Operation" ("id", "appId", "kind", "phase", "initiator") VALUES ('op-1', 'app-1', 'sync', 'Succeeded', 'alice');
      INSERT INTO "OperationLock" ("appId", "operationId", "holder") VALUES ('app-1', 'op-2', 'host:1');
    `);
  });

  afterEach(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("moves every existing app into the default project and keeps its columns, status, history and lock", async () => {
    expect(await applyMigrations(db)).toContain(PROJECTS_MIGRATION);

    expect(await rows(db, `SELECT "name", "project", "repoUrl", "automated", "historyLimit", "refreshSeconds", "targetRevision" FROM "App"`)).toEqual([
      { name: "web", project: "default", repoUrl: "https://git.example/web.git", automated: 1, historyLimit: 7, refreshSeconds: 60, targetRevision: "HEAD" },
    ]);
    expect(await rows(db, `SELECT "name", "sourceRepos", "appNamespace" FROM "Project"`)).toEqual([{ name: "default", sourceRepos: '["*"]', appNamespace: 1 }]);
    expect(await rows(db, `SELECT "appId", "syncStatus" FROM "AppStatus"`)).toEqual([{ appId: "app-1", syncStatus: "Synced" }]);
    expect(await rows(db, `SELECT "id" FROM "Operation"`)).toEqual([{ id: "op-1" }]);
    expect(await rows(db, `SELECT "operationId" FROM "OperationLock"`)).toEqual([{ operationId: "op-2" }]);
  });

  it("leaves the app's children pointing at the rebuilt App table, and App pointing at its project", async () => {
    await applyMigrations(db);

    for (const child of ["AppStatus", "Operation", "OperationLock"]) {
      expect((await rows(db, `PRAGMA foreign_key_list("${child}")`)).map((k) => k.table), child).toEqual(["App"]);
    }
    expect(await rows(db, `PRAGMA foreign_key_list("App")`)).toMatchObject([{ table: "Project", from: "project", to: "name", on_delete: "RESTRICT" }]);
    const indexes = (await rows(db, `PRAGMA index_list("App")`)).map((i) => String(i.name)).filter((n) => !n.startsWith("sqlite_")).sort();
    expect(indexes).toEqual(["App_appSet_idx", "App_name_key", "App_project_idx", "App_repoUrl_idx"]);
    expect(await rows(db, "PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1 }]);
    await expect(db.execute(`DELETE FROM "Project" WHERE "name" = 'default'`)).rejects.toThrow(/FOREIGN KEY/);
    await db.execute(`DELETE FROM "App"`);
    expect(await rows(db, `SELECT COUNT(*) AS n FROM "Operation"`)).toEqual([{ n: 0 }]);
  });
});
