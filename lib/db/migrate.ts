import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Client } from "@libsql/client";

/** One migration folder of Prisma Migrate's layout: `prisma/migrations/<name>/migration.sql`. */
export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The default migrations directory, relative to the working directory. */
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Reads the migration folders in name order (their timestamp prefix). */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies pending migrations in order, each in its own transaction, and records them in
 * `_prisma_migrations` (the table Prisma Migrate itself uses), so running it twice is harmless.
 * A recorded migration whose file changed since is refused rather than silently re-applied.
 * Foreign keys are off while a migration runs and checked before it commits, as SQLite's
 * procedure for rebuilding a table asks: dropping a rebuilt parent table must not cascade.
 * @returns the names of the migrations applied by this call.
 */
export async function applyMigrations(client: Client, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  await client.execute(CREATE_TABLE);
  const applied = new Map<string, string>();
  const rows = await client.execute(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  for (const row of rows.rows) applied.set(String(row.migration_name), String(row.checksum));

  const done: string[] = [];
  for (const migration of await readMigrations(dir)) {
    const recorded = applied.get(migration.name);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) {
        throw new Error(
          `Migration ${migration.name} was changed after it was applied; restore the file or add a new migration instead.`,
        );
      }
      continue;
    }
    await applyOne(client, migration);
    done.push(migration.name);
  }
  return done;
}

async function applyOne(client: Client, migration: MigrationFile): Promise<void> {
  await client.execute("PRAGMA foreign_keys = OFF");
  const tx = await client.transaction("write");
  try {
    const again = await tx.execute({
      sql: `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL`,
      args: [migration.name],
    });
    if (again.rows.length > 0) {
      await tx.rollback();
      return;
    }
    await tx.executeMultiple(migration.sql);
    const violations = await tx.execute("PRAGMA foreign_key_check");
    if (violations.rows.length > 0) {
      const tables = [...new Set(violations.rows.map((row) => String(row.table)))].join(", ");
      throw new Error(`it leaves rows of ${tables} whose foreign keys point nowhere`);
    }
    await tx.execute({
      sql: `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
            VALUES (?, ?, current_timestamp, ?, 1)`,
      args: [randomUUID(), migration.checksum, migration.name],
    });
    await tx.commit();
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  } finally {
    tx.close();
    await client.execute("PRAGMA foreign_keys = ON");
  }
}
