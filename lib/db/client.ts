import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/prisma/generated/client";
import { PrismaClient as PostgresPrismaClient } from "@/prisma/generated-pg/client";
import { UnreachableError } from "@/lib/errors";
import { dialectOf, MIGRATION_DIRS, type Dialect } from "./dialect";
import { LibSqlWithNormalSync, SQLITE_BUSY_TIMEOUT_MS } from "./libsql-adapter";
import { applyPostgresMigrations } from "./migrate-postgresql";
import { applyMigrations } from "./migrate-sqlite";
import { ThreadedSqlite } from "./threaded-sqlite";

/**
 * The Prisma client type used across lib/db. Both dialects' clients are generated from one
 * schema (prisma/schema.prisma; its PostgreSQL copy by tools/prisma/postgresql-schema.mjs), so
 * their models, fields and results are alike; the PostgreSQL client only accepts more (isolation
 * levels, `mode` in filters), which is why the SQLite client's type serves as the common one.
 */
export type Db = PrismaClient;

/** Options of {@link openDb}. */
export interface OpenDbOptions {
  /** The migrations to apply before opening. @default the dialect's (`prisma/migrations`, `prisma/migrations-postgresql`) */
  migrationsDir?: string;
  /**
   * Runs SQLite's adapter on a thread of its own (`threaded-sqlite`), so no statement runs on
   * the caller's thread, for about 50 MB more resident memory (docs/performance.md). Ignored
   * for PostgreSQL. @default false
   */
  sqliteThread?: boolean;
}

function ensureParentDir(url: string): void {
  const file = url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length);
  if (file && file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/**
 * Opens SQLite (the libsql adapter, on this thread or on one of its own: `threaded-sqlite`)
 * after applying pending migrations, with WAL journaling, `synchronous = NORMAL` and a busy
 * timeout so several processes can share the file.
 */
async function openSqlite(url: string, migrationsDir: string, onThread: boolean): Promise<Db> {
  ensureParentDir(url);
  const raw = createClient({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    await raw.execute("PRAGMA journal_mode = WAL");
    await applyMigrations(raw, migrationsDir);
  } finally {
    raw.close();
  }
  const config = { url, timeout: SQLITE_BUSY_TIMEOUT_MS };
  return new PrismaClient({ adapter: onThread ? new ThreadedSqlite(config) : new LibSqlWithNormalSync(config) });
}

/** Where a PostgreSQL URL points (host, port, database), without its user name or password. */
function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host || "localhost"}${parsed.pathname}`;
  } catch {
    return "the DATABASE_URL given";
  }
}

/** Opens PostgreSQL (node-postgres adapter, its own pool) after applying pending migrations on one connection. */
async function openPostgres(url: string, migrationsDir: string): Promise<Db> {
  const raw = new pg.Client({ connectionString: url });
  await raw.connect().catch((error: unknown) => {
    throw new UnreachableError(`PostgreSQL at ${describePostgres(url)} cannot be reached: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  try {
    await applyPostgresMigrations(raw, migrationsDir);
  } finally {
    await raw.end();
  }
  const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  // The one cast between the two generated clients: their $transaction overloads name different
  // isolation levels, so TypeScript will not relate them, though every call lib/db makes is alike.
  return client as unknown as Db;
}

/**
 * Opens a Prisma client on a database URL — SQLite for `file:`, PostgreSQL for
 * `postgresql://` — after applying the dialect's pending migrations. Each call opens a new
 * client; the caller disconnects it.
 * @throws MisconfiguredError for a URL of another kind.
 */
export async function openDb(url: string, options: OpenDbOptions = {}): Promise<Db> {
  return (await openDialectDb(url, options)).prisma;
}

/** {@link openDb}, also answering the dialect, which the stores need for their few dialect-specific statements. */
export async function openDialectDb(url: string, options: OpenDbOptions = {}): Promise<{ prisma: Db; dialect: Dialect }> {
  const dialect = dialectOf(url);
  const migrationsDir = options.migrationsDir ?? MIGRATION_DIRS[dialect];
  const prisma = dialect === "postgresql" ? await openPostgres(url, migrationsDir) : await openSqlite(url, migrationsDir, options.sqliteThread ?? false);
  return { prisma, dialect };
}
