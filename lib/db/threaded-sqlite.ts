/**
 * SQLite on a thread of its own: a Prisma driver adapter factory whose adapter forwards every
 * call to a worker thread running the libsql adapter (`sqlite-thread`). libsql executes each
 * statement synchronously in native code, so on the server's thread every comparison's reads
 * and status write would stop everything else for their whole length; here they cost that
 * thread a message each way. Results, transactions and errors are the libsql adapter's own:
 * its errors come back with their payload, which Prisma maps as before (a taken name is still a
 * unique violation).
 */
import { Worker } from "node:worker_threads";

import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction, TransactionOptions } from "@prisma/driver-adapter-utils";

import { WorkerCalls } from "@/lib/threads";

import type { SqliteCall, SqliteFailure, SqliteReply } from "./sqlite-thread-messages";

/** The adapter name Prisma knows libsql's by; the thread runs that adapter. */
const ADAPTER_NAME = "@prisma/adapter-libsql";

/**
 * A failure the libsql adapter reported with a payload Prisma maps (a unique or foreign-key
 * violation, a busy database, …). Prisma recognises such errors by this name and an object
 * `cause`, as it does the adapter's own.
 */
export class SqliteAdapterError extends Error {
  override readonly name = "DriverAdapterError";
  constructor(
    message: string,
    override readonly cause: object,
  ) {
    super(message);
  }
}

/** The thread and the calls it has not answered yet. */
type SqliteThread = WorkerCalls<SqliteCall, SqliteReply, unknown>;

/** Starts a thread for the libsql adapter (`sqlite-thread`); it is opened by the `connect` call. */
function startSqliteThread(): SqliteThread {
  // The bundler builds the thread's entry from this expression; run from source (the tests),
  // the entry is TypeScript, which the process's own loader (tsx) reads in the thread too.
  const worker = new Worker(new URL("./sqlite-thread.ts", import.meta.url), { name: "lockstep-sqlite" });
  return new WorkerCalls(worker, {
    answer: answerOf,
    failedError: (error) => new Error(`the SQLite thread failed: ${error.message}`),
    exitError: (code) => new Error(`the SQLite thread stopped (exit code ${code})`),
  });
}

/** Stops the thread; a call still waiting fails as the database being closed. */
function stopSqliteThread(thread: SqliteThread): Promise<void> {
  return thread.close(new Error("the database is closed"));
}

/** The value a reply carries, or the failure it reports as the adapter's error. */
function answerOf(reply: SqliteReply): unknown {
  if (reply.failure) throw errorOf(reply.failure);
  return reply.value;
}

function errorOf(failure: SqliteFailure): Error {
  return failure.adapterError ? new SqliteAdapterError(failure.message, failure.adapterError) : new Error(failure.message);
}

/** A transaction the thread holds open, by its number there. */
class ThreadTransaction implements Transaction {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;

  constructor(
    private readonly thread: SqliteThread,
    private readonly tx: number,
    readonly options: TransactionOptions,
  ) {}

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return (await this.thread.call({ op: "queryRaw", tx: this.tx, query })) as SqlResultSet;
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return (await this.thread.call({ op: "executeRaw", tx: this.tx, query })) as number;
  }

  async commit(): Promise<void> {
    await this.thread.call({ op: "commit", tx: this.tx });
  }

  async rollback(): Promise<void> {
    await this.thread.call({ op: "rollback", tx: this.tx });
  }

  createSavepoint(name: string): Promise<void> {
    return this.savepoint(`SAVEPOINT ${name}`);
  }

  rollbackToSavepoint(name: string): Promise<void> {
    return this.savepoint(`ROLLBACK TO ${name}`);
  }

  releaseSavepoint(name: string): Promise<void> {
    return this.savepoint(`RELEASE SAVEPOINT ${name}`);
  }

  private async savepoint(sql: string): Promise<void> {
    await this.executeRaw({ sql, args: [], argTypes: [] });
  }
}

/** The adapter Prisma holds: every call goes to the thread. */
class ThreadAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;

  constructor(private readonly thread: SqliteThread) {}

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return (await this.thread.call({ op: "queryRaw", query })) as SqlResultSet;
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return (await this.thread.call({ op: "executeRaw", query })) as number;
  }

  async executeScript(script: string): Promise<void> {
    await this.thread.call({ op: "executeScript", script });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { tx, options } = (await this.thread.call({ op: "startTransaction", ...(isolationLevel ? { isolationLevel } : {}) })) as { tx: number; options: TransactionOptions };
    return new ThreadTransaction(this.thread, tx, options);
  }

  async dispose(): Promise<void> {
    try {
      await this.thread.call({ op: "dispose" });
    } finally {
      await stopSqliteThread(this.thread);
    }
  }
}

/** Options of {@link ThreadedSqlite}: what the libsql client is opened with. */
export interface ThreadedSqliteOptions {
  /** A `file:` URL. */
  url: string;
  /** Busy timeout in milliseconds. */
  timeout: number;
}

/** The factory Prisma is given: each `connect` starts a thread and opens the database there. */
export class ThreadedSqlite implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;

  constructor(private readonly options: ThreadedSqliteOptions) {}

  async connect(): Promise<SqlDriverAdapter> {
    const thread = startSqliteThread();
    try {
      await thread.call({ op: "connect", url: this.options.url, timeout: this.options.timeout });
    } catch (error) {
      await stopSqliteThread(thread);
      throw error;
    }
    return new ThreadAdapter(thread);
  }
}
