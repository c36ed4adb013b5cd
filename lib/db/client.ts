import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaClient } from "@/prisma/generated/client";
import { databaseUrl } from "./config";
import { applyMigrations } from "./migrate";

/** The Prisma client type used across lib/db. */
export type Db = PrismaClient;

interface DbState {
  ready: Promise<Db>;
}

const globalForDb = globalThis as unknown as { lockstepDb?: DbState };

function ensureParentDir(url: string): void {
  const file = url.startsWith("file://") ? fileURLToPath(url) : url.slice("file:".length);
  if (file && file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

async function open(url: string): Promise<Db> {
  ensureParentDir(url);
  const raw = createClient({ url });
  try {
    await raw.execute("PRAGMA journal_mode = WAL");
    await raw.execute("PRAGMA busy_timeout = 5000");
    await applyMigrations(raw);
  } finally {
    raw.close();
  }
  const adapter = new PrismaLibSql({ url });
  return new PrismaClient({ adapter });
}

/**
 * The process-wide Prisma client, opened on first use after applying pending migrations.
 * Kept on `globalThis` so hot reloads in development do not open a client per reload.
 */
export function getDb(): Promise<Db> {
  if (!globalForDb.lockstepDb) {
    const ready = open(databaseUrl());
    ready.catch(() => {
      globalForDb.lockstepDb = undefined;
    });
    globalForDb.lockstepDb = { ready };
  }
  return globalForDb.lockstepDb.ready;
}

/** Opens a separate client on an explicit URL (tests, tools); the caller disconnects it. */
export function openDb(url: string): Promise<Db> {
  return open(url);
}
