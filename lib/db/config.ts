import path from "node:path";

/**
 * Where Lockstep keeps its files: the SQLite database, Git mirrors and render scratch space.
 * @default `.data` under the working directory, or `LOCKSTEP_DATA_DIR`.
 */
export function dataDir(): string {
  return path.resolve(process.env.LOCKSTEP_DATA_DIR ?? ".data");
}

/**
 * The database URL from `DATABASE_URL`, defaulting to a SQLite file in the data directory.
 * Only `file:` URLs (SQLite) are accepted for now; anything else is refused with one sentence.
 */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? `file:${path.join(dataDir(), "lockstep.db")}`;
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a SQLite file URL such as file:./.data/lockstep.db (got a "${url.split(":")[0]}:" URL).`,
    );
  }
  return url;
}
