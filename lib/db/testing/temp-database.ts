/**
 * A real SQLite database for unit tests, in a temporary directory that the test removes again
 * with the database.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../database";

/** A database in a directory of its own under the system's temporary directory, for tests. */
export interface TempDatabase {
  /** The open database. */
  db: Database;
  /** The directory, `lockstep-<name>-` and a random suffix; it holds the database file `<name>.db`. */
  dir: string;
  /** Closes the database and removes its directory. */
  dispose(): Promise<void>;
}

/**
 * Opens (and migrates, as openDatabase does) a new SQLite database in a new temporary directory;
 * `name` labels the directory and file (see {@link TempDatabase.dir}). The directory is removed
 * again if the database does not open.
 */
export async function openTempDatabase(name: string): Promise<TempDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `lockstep-${name}-`));
  const remove = () => rm(dir, { recursive: true, force: true });
  let db: Database;
  try {
    db = await openDatabase({ url: `file:${path.join(dir, `${name}.db`)}` });
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    db,
    dir,
    dispose: async () => {
      try {
        await db.close();
      } finally {
        await remove();
      }
    },
  };
}
