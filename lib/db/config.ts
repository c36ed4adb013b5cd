import path from "node:path";
import { dialectOf } from "./dialect";

/**
 * Where Lockstep keeps its files: the SQLite database, Git mirrors and render scratch space.
 * @default `.data` under the working directory, or `LOCKSTEP_DATA_DIR`.
 */
export function dataDir(): string {
  return path.resolve(process.env.LOCKSTEP_DATA_DIR ?? ".data");
}

/**
 * The database URL from `DATABASE_URL`, defaulting to a SQLite file in the data directory.
 * A `file:` URL is SQLite (embedded, zero set-up); `postgresql://` or `postgres://` is
 * PostgreSQL, which replicas share. Anything else is refused with one sentence (see `dialectOf`).
 */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? `file:${path.join(dataDir(), "lockstep.db")}`;
  dialectOf(url);
  return url;
}

/**
 * Whether SQLite runs on a thread of its own, from `LOCKSTEP_SQLITE_THREAD` (`true` or `false`).
 * @default false
 * @throws Error for any other value.
 */
export function sqliteThreadFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const value = env.LOCKSTEP_SQLITE_THREAD;
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new Error(`LOCKSTEP_SQLITE_THREAD must be true or false, not "${value}".`);
}
