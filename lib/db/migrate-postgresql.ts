import { randomUUID } from "node:crypto";
import type { ClientBase } from "pg";
import { MIGRATION_DIRS } from "./dialect";
import { migrationFailed, runMigrations, type MigrationFile, type MigrationJournal } from "./migrate";

/** Prisma Migrate's own definition of its table on PostgreSQL. */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * The advisory lock replicas starting together take around each migration (an arbitrary
 * constant: "lockstep" in ASCII), so exactly one applies it and the others see it recorded.
 */
const MIGRATION_LOCK = 0x6c6f636b73746570n;

async function applyOne(client: ClientBase, migration: MigrationFile): Promise<boolean> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK.toString()]);
    const again = await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL`, [migration.name]);
    if ((again.rowCount ?? 0) > 0) {
      await client.query("ROLLBACK");
      return false;
    }
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw migrationFailed(migration, error);
  }
}

/**
 * Applies the pending PostgreSQL migrations of `dir`, each in one transaction (PostgreSQL's DDL
 * is transactional, foreign keys are checked as statements run), under an advisory lock so
 * replicas starting at once never apply one twice.
 * @returns the names of the migrations applied by this call.
 */
export async function applyPostgresMigrations(client: ClientBase, dir: string = MIGRATION_DIRS.postgresql): Promise<string[]> {
  const journal: MigrationJournal = {
    ensureTable: async () => {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK.toString()]);
      try {
        await client.query(CREATE_TABLE);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK.toString()]);
      }
    },
    appliedChecksums: async () => {
      const rows = await client.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      return new Map(rows.rows.map((row) => [row.migration_name, row.checksum]));
    },
    applyOne: (migration) => applyOne(client, migration),
  };
  return runMigrations(journal, dir);
}
