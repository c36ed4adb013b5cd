import { mkdtemp, readFile, rm, cp, appendFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import wasm from "@prisma/prisma-schema-wasm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrate";

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

const SQLITE_TYPES: Record<string, string> = {
  String: "TEXT",
  Boolean: "BOOLEAN",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "REAL",
  Decimal: "DECIMAL",
  DateTime: "DATETIME",
  Bytes: "BLOB",
  Json: "JSONB",
};

/** Defaults Prisma Client fills in itself, which therefore have no column default. */
const CLIENT_SIDE_DEFAULTS = new Set(["cuid", "uuid", "nanoid", "ulid"]);

async function loadDmmf(): Promise<{ models: DmmfModel[]; indexes: DmmfIndex[] }> {
  const schema = await readFile("prisma/schema.prisma", "utf8");
  const out = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schema]] })));
  return out.datamodel;
}

async function rows(db: Client, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.execute(sql)).rows as unknown as Record<string, unknown>[];
}

function tableName(model: DmmfModel): string {
  return model.dbName ?? model.name;
}

function columnName(field: DmmfField): string {
  return field.dbName ?? field.name;
}

describe("the SQL migrations", () => {
  let dir: string;
  let db: Client;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-db-"));
    db = createClient({ url: `file:${path.join(dir, "test.db")}` });
  });

  afterEach(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("create exactly the tables, columns, keys and indexes that schema.prisma declares", async () => {
    await applyMigrations(db);
    const dmmf = await loadDmmf();

    const tables = (await rows(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`))
      .map((r) => String(r.name))
      .filter((name) => name !== "_prisma_migrations")
      .sort();
    expect(tables).toEqual(dmmf.models.map(tableName).sort());

    for (const model of dmmf.models) {
      const table = tableName(model);
      const columns = await rows(db, `PRAGMA table_info("${table}")`);
      const scalars = model.fields.filter((f) => f.kind !== "object");
      expect(columns.map((c) => String(c.name)).sort(), `columns of ${table}`).toEqual(scalars.map(columnName).sort());

      for (const field of scalars) {
        const column = columns.find((c) => c.name === columnName(field));
        const where = `${table}.${columnName(field)}`;
        expect(String(column?.type), `type of ${where}`).toBe(SQLITE_TYPES[field.type]);
        expect(Number(column?.notnull) === 1 || Number(column?.pk) > 0, `NOT NULL of ${where}`).toBe(field.isRequired);
        const defaultName = typeof field.default === "object" ? field.default?.name : undefined;
        const expectsColumnDefault = field.hasDefaultValue && !CLIENT_SIDE_DEFAULTS.has(defaultName ?? "");
        expect(column?.dflt_value !== null, `default of ${where}`).toBe(expectsColumnDefault);
      }

      const primaryKey = columns.filter((c) => Number(c.pk) > 0).map((c) => String(c.name));
      const idIndex = dmmf.indexes.find((i) => i.model === model.name && i.type === "id");
      expect(primaryKey, `primary key of ${table}`).toEqual(idIndex?.fields.map((f) => f.name));

      const foreignKeys = await rows(db, `PRAGMA foreign_key_list("${table}")`);
      const relations = model.fields.filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0);
      expect(foreignKeys.length, `foreign keys of ${table}`).toBe(relations.length);
      for (const relation of relations) {
        const fk = foreignKeys.find((k) => k.from === relation.relationFromFields?.[0]);
        expect(fk?.table, `foreign key ${table}.${relation.name}`).toBe(relation.type);
        expect(fk?.to).toBe(relation.relationToFields?.[0]);
        expect(String(fk?.on_delete).replace(" ", "").toLowerCase()).toBe((relation.relationOnDelete ?? "Restrict").toLowerCase());
      }

      const declared = dmmf.indexes
        .filter((i) => i.model === model.name && (i.type === "unique" || i.type === "normal"))
        .map((i) => `${i.type === "unique" ? "unique" : "index"}(${i.fields.map((f) => f.name).join(",")})`)
        .sort();
      const actual: string[] = [];
      for (const index of await rows(db, `PRAGMA index_list("${table}")`)) {
        if (index.origin === "pk") continue;
        const cols = await rows(db, `PRAGMA index_info("${String(index.name)}")`);
        actual.push(`${Number(index.unique) === 1 ? "unique" : "index"}(${cols.map((c) => String(c.name)).join(",")})`);
      }
      expect(actual.sort(), `indexes of ${table}`).toEqual(declared);
    }
  });

  it("apply each migration once, so running them again changes nothing", async () => {
    const first = await applyMigrations(db);
    const second = await applyMigrations(db);
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual([]);
    const recorded = await rows(db, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).toEqual(first);
  });

  it("refuse a migration file that was edited after it was applied", async () => {
    const copy = path.join(dir, "migrations");
    await cp(MIGRATIONS_DIR, copy, { recursive: true });
    const [name] = await applyMigrations(db, copy);
    await appendFile(path.join(copy, String(name), "migration.sql"), "\n-- edited\n");
    await expect(applyMigrations(db, copy)).rejects.toThrow(/was changed after it was applied/);
  });
});
