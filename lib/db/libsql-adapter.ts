/**
 * The libsql adapter as Lockstep opens SQLite, on whichever thread runs it (`sqlite-thread`),
 * and the busy timeout every SQLite client of the server is opened with.
 */
import type { Client as LibSqlClient, Config as LibSqlConfig } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";

/**
 * How long a statement waits for another process's lock on the SQLite file before failing. In
 * one process the adapter runs one statement or transaction at a time, so only another process
 * (a second server, a tool) can hold the lock.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The libsql adapter with `synchronous = NORMAL` on its connection. In WAL mode SQLite then
 * syncs the log to disk at checkpoints instead of at every commit: the database stays
 * consistent after a crash of the process or the machine, and only a loss of power or an
 * operating-system crash may undo the last commits. A commit (one app's status after a
 * comparison) then costs about 0.3 ms instead of about 2 ms waiting for the disk
 * (docs/performance.md). The adapter runs one statement or transaction at a time, so its client
 * keeps exactly one connection, which takes the setting before any query (a connection opened
 * anew after a failed rollback would sync fully again: slower, never less safe).
 */
export class LibSqlWithNormalSync extends PrismaLibSql {
  override createClient(config: LibSqlConfig): LibSqlClient {
    const client = super.createClient({ ...config, concurrency: 1 });
    void client.execute("PRAGMA synchronous = NORMAL").catch(() => undefined);
    return client;
  }
}
