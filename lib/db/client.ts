import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/prisma/generated/client";
import { applyMigrations, MIGRATIONS_DIR } from "./migrate";

/** The Prisma client type used across lib/db. */
export type Db = PrismaClient;

/** Options of {@link openDb}. */
export interface OpenDbOptions {
  /** The migrations to apply before opening. @default MIGRATIONS_DIR (`prisma/migrations`) */
  migrationsDir?: string;
}

function ensureParentDir(url: string): void {
  const file = url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length);
  if (file && file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/**
 * Opens a Prisma client (libsql adapter) on a SQLite URL after applying pending migrations,
 * with WAL journaling and a busy timeout so several processes can share the file. Each call
 * opens a new client; the caller disconnects it.
 */
export async function openDb(url: string, options: OpenDbOptions = {}): Promise<Db> {
  ensureParentDir(url);
  const raw = createClient({ url });
  try {
    await raw.execute("PRAGMA journal_mode = WAL");
    await raw.execute("PRAGMA busy_timeout = 5000");
    await applyMigrations(raw, options.migrationsDir ?? MIGRATIONS_DIR);
  } finally {
    raw.close();
  }
  const adapter = new PrismaLibSql({ url });
  return new PrismaClient({ adapter });
}
