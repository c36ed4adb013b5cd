/**
 * SQL migrations in Prisma Migrate's layout (`<dir>/<name>/migration.sql`), one directory per
 * dialect with the same names, applied in name order and recorded in `_prisma_migrations` (the
 * table Prisma Migrate itself uses), so a later switch to Prisma Migrate is seamless. The
 * dialects differ only in how one migration is applied and recorded: see migrate-sqlite.ts and
 * migrate-postgresql.ts.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { MIGRATION_DIRS } from "./dialect";

/** One migration folder of Prisma Migrate's layout: `prisma/migrations/<name>/migration.sql`. */
export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The SQLite migrations directory, relative to the working directory. */
export const MIGRATIONS_DIR = MIGRATION_DIRS.sqlite;

/** How one dialect keeps its migration journal and applies a migration. */
export interface MigrationJournal {
  /** Creates `_prisma_migrations` if it is missing. */
  ensureTable(): Promise<void>;
  /** The checksums of the finished, not rolled back migrations, by name. */
  appliedChecksums(): Promise<Map<string, string>>;
  /**
   * Applies one migration and records it, atomically; a migration another process recorded
   * meanwhile is skipped. @returns whether this call applied it.
   * @throws Error naming the migration, after rolling it back.
   */
  applyOne(migration: MigrationFile): Promise<boolean>;
}

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
 * Applies the pending migrations of `dir` in order through `journal`, so running it twice is
 * harmless. A recorded migration whose file changed since is refused rather than silently
 * re-applied.
 * @returns the names of the migrations applied by this call.
 */
export async function runMigrations(journal: MigrationJournal, dir: string): Promise<string[]> {
  await journal.ensureTable();
  const applied = await journal.appliedChecksums();
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
    if (await journal.applyOne(migration)) done.push(migration.name);
  }
  return done;
}

/** The one-sentence error of a migration that failed and was rolled back. */
export function migrationFailed(migration: MigrationFile, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
}
