/**
 * Which database the integration tests run on: SQLite files by default, PostgreSQL when
 * `LOCKSTEP_TEST_DATABASE=postgresql` (`npm run test:integration:pg`) — then the global set-up
 * (postgres-setup.ts) starts one throwaway server (postgres.ts) and each web server or test
 * engine gets a fresh database on it.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, dropDatabase } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** The admin URL of the run's PostgreSQL server; empty when the run uses SQLite. */
    postgresAdminUrl: string;
  }
}

/** The dialect this run's servers use. */
export function testDatabaseDialect(): "sqlite" | "postgresql" {
  return process.env.LOCKSTEP_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
}

function adminUrl(): string {
  const url = inject("postgresAdminUrl");
  if (!url) throw new Error("LOCKSTEP_TEST_DATABASE=postgresql, but the global set-up started no PostgreSQL server.");
  return url;
}

/** A fresh database for one server or engine: `fileName` in `dataDir`, or a new PostgreSQL database. */
export async function createTestDatabase(dataDir: string, fileName = "lockstep.db"): Promise<string> {
  if (testDatabaseDialect() === "sqlite") return `file:${path.join(dataDir, fileName)}`;
  return createDatabase(adminUrl(), "lockstep_web");
}

/** Drops a database made by {@link createTestDatabase}; a SQLite file goes with its data directory. */
export async function dropTestDatabase(url: string): Promise<void> {
  if (url.startsWith("file:")) return;
  await dropDatabase(adminUrl(), url);
}

/** What a server's database holds, as text to search for secrets: where it was read, and its text. */
export interface StoredText {
  where: string;
  text: string;
}

/**
 * Everything a server's database stores, for proving a secret is not in it: SQLite's files
 * (database, WAL and journal) byte for byte, or every row of every PostgreSQL table, binary
 * columns as their raw bytes.
 */
export async function readStoredText(server: { databaseUrl: string; dataDir: string }): Promise<StoredText[]> {
  if (server.databaseUrl.startsWith("file:")) {
    const files = (await readdir(server.dataDir)).filter((file) => file.startsWith("lockstep.db"));
    return Promise.all(files.map(async (file) => ({ where: file, text: (await readFile(path.join(server.dataDir, file))).toString("latin1") })));
  }
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const found: StoredText[] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${name}"`);
      const values = rows.rows.flatMap((row: Record<string, unknown>) => Object.values(row));
      found.push({ where: name, text: values.map((value) => (Buffer.isBuffer(value) ? value.toString("latin1") : JSON.stringify(value))).join("\n") });
    }
    return found;
  } finally {
    await client.end();
  }
}
