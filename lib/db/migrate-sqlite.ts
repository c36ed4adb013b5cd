import { randomUUID } from "node:crypto";
import type { Client } from "@libsql/client";
import { migrationFailed, MIGRATIONS_DIR, runMigrations, type MigrationFile, type MigrationJournal } from "./migrate";

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

async function applyOne(client: Client, migration: MigrationFile): Promise<boolean> {
  await client.execute("PRAGMA foreign_keys = OFF");
  const tx = await client.transaction("write");
  try {
    const again = await tx.execute({
      sql: `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL`,
      args: [migration.name],
    });
    if (again.rows.length > 0) {
      await tx.rollback();
      return false;
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
    return true;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw migrationFailed(migration, error);
  } finally {
    tx.close();
    await client.execute("PRAGMA foreign_keys = ON");
  }
}

/**
 * Applies the pending SQLite migrations of `dir`, each in its own write transaction.
 * Foreign keys are off while a migration runs and checked before it commits, as SQLite's
 * procedure for rebuilding a table asks: dropping a rebuilt parent table must not cascade.
 * @returns the names of the migrations applied by this call.
 */
export async function applyMigrations(client: Client, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const journal: MigrationJournal = {
    ensureTable: async () => {
      await client.execute(CREATE_TABLE);
    },
    appliedChecksums: async () => {
      const rows = await client.execute(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      return new Map(rows.rows.map((row) => [String(row.migration_name), String(row.checksum)]));
    },
    applyOne: (migration) => applyOne(client, migration),
  };
  return runMigrations(journal, dir);
}
