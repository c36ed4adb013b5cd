import { mkdtemp, readFile, rm, cp, appendFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import wasm from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MIGRATION_DIRS, type Dialect } from "@/lib/db/dialect";
import { readMigrations } from "@/lib/db/migrate";
import { applyPostgresMigrations } from "@/lib/db/migrate-postgresql";
import { applyMigrations } from "@/lib/db/migrate-sqlite";
import { createDatabase, dropDatabase, startPostgres, type PostgresServer } from "@/test/helpers/postgres";

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum";
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  hasDefaultValue: boolean;
  default?: { name?: string } | string | number | boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
}

/** How each dialect stores each Prisma scalar type (Prisma's own mapping). */
const COLUMN_TYPES: Record<Dialect, Record<string, string>> = {
  sqlite: {
    String: "TEXT",
    Boolean: "BOOLEAN",
    Int: "INTEGER",
    BigInt: "BIGINT",
    Float: "REAL",
    Decimal: "DECIMAL",
    DateTime: "DATETIME",
    Bytes: "BLOB",
    Json: "JSONB",
  },
  postgresql: {
    String: "text",
    Boolean: "boolean",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    DateTime: "timestamp(3) without time zone",
    Bytes: "bytea",
    Json: "jsonb",
  },
};

/** Defaults Prisma Client fills in itself, which therefore have no column default. */
const CLIENT_SIDE_DEFAULTS = new Set(["cuid", "uuid", "nanoid", "ulid"]);

async function loadDmmf(): Promise<{ models: DmmfModel[]; indexes: DmmfIndex[] }> {
  const schema = await readFile("prisma/schema.prisma", "utf8");
  const out = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schema]] })));
  return out.datamodel;
}

function tableName(model: DmmfModel): string {
  return model.dbName ?? model.name;
}

function columnName(field: DmmfField): string {
  return field.dbName ?? field.name;
}

/** One column as the database describes it. */
interface ColumnFacts {
  name: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}

/** A foreign key as the database describes it; `onDelete` in Prisma's spelling, lower case. */
interface ForeignKeyFacts {
  from: string;
  table: string;
  to: string;
  onDelete: string;
}

/** What a migrated database holds, asked the dialect's way, answered alike. */
interface Catalog {
  tables(): Promise<string[]>;
  columns(table: string): Promise<ColumnFacts[]>;
  primaryKey(table: string): Promise<string[]>;
  foreignKeys(table: string): Promise<ForeignKeyFacts[]>;
  /** `unique(a,b)` or `index(a)`, the primary key left out. */
  indexes(table: string): Promise<string[]>;
  projects(): Promise<string[]>;
}

/** A migrated-or-not database of one dialect, for the tests below. */
interface Subject {
  migrate(dir?: string): Promise<string[]>;
  catalog: Catalog;
  recordedMigrations(): Promise<string[]>;
  close(): Promise<void>;
}

async function sqliteSubject(file: string): Promise<Subject> {
  const db: Client = createClient({ url: `file:${file}` });
  const rows = async (sql: string) => (await db.execute(sql)).rows as unknown as Record<string, unknown>[];
  return {
    migrate: (dir) => applyMigrations(db, dir),
    recordedMigrations: async () => (await rows(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`)).map((r) => String(r.migration_name)),
    close: async () => db.close(),
    catalog: {
      tables: async () =>
        (await rows(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)).map((r) => String(r.name)),
      columns: async (table) =>
        (await rows(`PRAGMA table_info("${table}")`)).map((c) => ({
          name: String(c.name),
          type: String(c.type),
          notNull: Number(c.notnull) === 1 || Number(c.pk) > 0,
          hasDefault: c.dflt_value !== null,
        })),
      primaryKey: async (table) =>
        (await rows(`PRAGMA table_info("${table}")`))
          .filter((c) => Number(c.pk) > 0)
          .sort((a, b) => Number(a.pk) - Number(b.pk))
          .map((c) => String(c.name)),
      foreignKeys: async (table) =>
        (await rows(`PRAGMA foreign_key_list("${table}")`)).map((k) => ({
          from: String(k.from),
          table: String(k.table),
          to: String(k.to),
          onDelete: String(k.on_delete).replace(" ", "").toLowerCase(),
        })),
      indexes: async (table) => {
        const found: string[] = [];
        for (const index of await rows(`PRAGMA index_list("${table}")`)) {
          if (index.origin === "pk") continue;
          const cols = await rows(`PRAGMA index_info("${String(index.name)}")`);
          found.push(`${Number(index.unique) === 1 ? "unique" : "index"}(${cols.map((c) => String(c.name)).join(",")})`);
        }
        return found;
      },
      projects: async () => (await rows(`SELECT name FROM "Project"`)).map((r) => String(r.name)),
    },
  };
}

/** PostgreSQL's `confdeltype` letters in Prisma's words. */
const PG_ON_DELETE: Record<string, string> = { a: "noaction", r: "restrict", c: "cascade", n: "setnull", d: "setdefault" };

async function postgresSubject(url: string): Promise<Subject> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const rows = async (sql: string, values: unknown[] = []) => (await db.query(sql, values)).rows as Record<string, unknown>[];
  const relation = (table: string) => `"${table}"`;
  return {
    migrate: (dir) => applyPostgresMigrations(db, dir),
    recordedMigrations: async () => (await rows(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`)).map((r) => String(r.migration_name)),
    close: () => db.end(),
    catalog: {
      tables: async () =>
        (await rows(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).map((r) => String(r.table_name)),
      columns: async (table) =>
        (
          await rows(
            `SELECT attname, format_type(atttypid, atttypmod) AS type, attnotnull, atthasdef
               FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
            [relation(table)],
          )
        ).map((c) => ({ name: String(c.attname), type: String(c.type), notNull: c.attnotnull === true, hasDefault: c.atthasdef === true })),
      primaryKey: async (table) =>
        (
          await rows(
            `SELECT a.attname FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.ord`,
            [relation(table)],
          )
        ).map((r) => String(r.attname)),
      foreignKeys: async (table) =>
        (
          await rows(
            `SELECT (SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = c.conkey[1]) AS "from",
                    (SELECT relname FROM pg_class WHERE oid = c.confrelid) AS "table",
                    (SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = c.confkey[1]) AS "to",
                    c.confdeltype AS on_delete
               FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype = 'f'`,
            [relation(table)],
          )
        ).map((k) => ({ from: String(k.from), table: String(k.table), to: String(k.to), onDelete: PG_ON_DELETE[String(k.on_delete)] ?? String(k.on_delete) })),
      indexes: async (table) =>
        (
          await rows(
            `SELECT i.indisunique AS is_unique,
                    (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                       FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) AS cols
               FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT i.indisprimary`,
            [relation(table)],
          )
        ).map((i) => `${i.is_unique === true ? "unique" : "index"}(${String(i.cols)})`),
      projects: async () => (await rows(`SELECT name FROM "Project"`)).map((r) => String(r.name)),
    },
  };
}

/** Proves a migrated database holds exactly what schema.prisma declares, in the dialect's types. */
async function expectMatchesSchema(catalog: Catalog, dialect: Dialect): Promise<void> {
  const dmmf = await loadDmmf();
  const tables = (await catalog.tables()).filter((name) => name !== "_prisma_migrations").sort();
  expect(tables).toEqual(dmmf.models.map(tableName).sort());

  for (const model of dmmf.models) {
    const table = tableName(model);
    const columns = await catalog.columns(table);
    const scalars = model.fields.filter((f) => f.kind !== "object");
    expect(columns.map((c) => c.name).sort(), `columns of ${table}`).toEqual(scalars.map(columnName).sort());

    for (const field of scalars) {
      const column = columns.find((c) => c.name === columnName(field));
      const where = `${table}.${columnName(field)}`;
      expect(column?.type, `type of ${where}`).toBe(COLUMN_TYPES[dialect][field.type]);
      expect(column?.notNull, `NOT NULL of ${where}`).toBe(field.isRequired);
      const defaultName = typeof field.default === "object" ? field.default?.name : undefined;
      const expectsColumnDefault = field.hasDefaultValue && !CLIENT_SIDE_DEFAULTS.has(defaultName ?? "");
      expect(column?.hasDefault, `default of ${where}`).toBe(expectsColumnDefault);
    }

    const idIndex = dmmf.indexes.find((i) => i.model === model.name && i.type === "id");
    expect(await catalog.primaryKey(table), `primary key of ${table}`).toEqual(idIndex?.fields.map((f) => f.name));

    const foreignKeys = await catalog.foreignKeys(table);
    const relations = model.fields.filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0);
    expect(foreignKeys.length, `foreign keys of ${table}`).toBe(relations.length);
    for (const relation of relations) {
      const fk = foreignKeys.find((k) => k.from === relation.relationFromFields?.[0]);
      expect(fk?.table, `foreign key ${table}.${relation.name}`).toBe(relation.type);
      expect(fk?.to).toBe(relation.relationToFields?.[0]);
      expect(fk?.onDelete, `on delete of ${table}.${relation.name}`).toBe((relation.relationOnDelete ?? "Restrict").toLowerCase());
    }

    const declared = dmmf.indexes
      .filter((i) => i.model === model.name && (i.type === "unique" || i.type === "normal"))
      .map((i) => `${i.type === "unique" ? "unique" : "index"}(${i.fields.map((f) => f.name).join(",")})`)
      .sort();
    expect((await catalog.indexes(table)).sort(), `indexes of ${table}`).toEqual(declared);
  }
}

describe("the migrations of the two dialects", () => {
  it("have the same names, so no migration exists for one dialect only", async () => {
    const sqlite = (await readMigrations(MIGRATION_DIRS.sqlite)).map((m) => m.name);
    const postgresql = (await readMigrations(MIGRATION_DIRS.postgresql)).map((m) => m.name);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(postgresql).toEqual(sqlite);
  });
});

describe.each(["sqlite", "postgresql"] as const)("the SQL migrations on %s", (dialect) => {
  let dir: string;
  let server: PostgresServer | undefined;
  let url: string;
  let subject: Subject;

  beforeAll(async () => {
    if (dialect === "postgresql") server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-db-"));
    if (server) {
      url = await createDatabase(server.adminUrl, "schema");
      subject = await postgresSubject(url);
    } else {
      subject = await sqliteSubject(path.join(dir, "test.db"));
    }
  });

  afterEach(async () => {
    await subject.close();
    if (server) await dropDatabase(server.adminUrl, url);
    await rm(dir, { recursive: true, force: true });
  });

  it("create exactly the tables, columns, keys and indexes that schema.prisma declares", async () => {
    await subject.migrate();
    await expectMatchesSchema(subject.catalog, dialect);
  });

  it("create the built-in default project", async () => {
    await subject.migrate();
    expect(await subject.catalog.projects()).toEqual(["default"]);
  });

  it("apply each migration once, so running them again changes nothing", async () => {
    const first = await subject.migrate();
    const second = await subject.migrate();
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual([]);
    expect(await subject.recordedMigrations()).toEqual(first);
  });

  it("refuse a migration file that was edited after it was applied", async () => {
    const copy = path.join(dir, "migrations");
    await cp(MIGRATION_DIRS[dialect], copy, { recursive: true });
    const [name] = await subject.migrate(copy);
    await appendFile(path.join(copy, String(name), "migration.sql"), "\n-- edited\n");
    await expect(subject.migrate(copy)).rejects.toThrow(/was changed after it was applied/);
  });

  it("roll back a failing migration whole and name it", async () => {
    const copy = path.join(dir, "migrations");
    await cp(MIGRATION_DIRS[dialect], copy, { recursive: true });
    await cp(path.join(MIGRATION_DIRS[dialect], "20261204110000_operation_sync_phase"), path.join(copy, "29991231000000_broken"), { recursive: true });
    await expect(subject.migrate(copy)).rejects.toThrow(/^Migration 29991231000000_broken failed and was rolled back: /);
    expect(await subject.recordedMigrations()).not.toContain("29991231000000_broken");
  });

});

describe("the SQL migrations on PostgreSQL, run by several processes at once", () => {
  let server: PostgresServer;
  let url: string;

  beforeAll(async () => {
    server = await startPostgres();
    url = await createDatabase(server.adminUrl, "race");
  });

  afterAll(async () => {
    await dropDatabase(server.adminUrl, url);
    await server.stop();
  });

  it("apply each migration once", async () => {
    const subjects = await Promise.all([postgresSubject(url), postgresSubject(url), postgresSubject(url)]);
    try {
      const applied = await Promise.all(subjects.map((subject) => subject.migrate()));
      expect(applied.flat().sort()).toEqual((await readMigrations(MIGRATION_DIRS.postgresql)).map((m) => m.name));
      await expectMatchesSchema((subjects[0] as Subject).catalog, "postgresql");
    } finally {
      await Promise.all(subjects.map((subject) => subject.close()));
    }
  });
});
