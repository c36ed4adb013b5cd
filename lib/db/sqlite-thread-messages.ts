/** What the server and its SQLite thread (`sqlite-thread`) say to each other. */
import type { IsolationLevel, SqlQuery } from "@prisma/driver-adapter-utils";

/** A call of the adapter on the thread; `tx` names a transaction the thread started. */
export type SqliteCall =
  | { op: "connect"; url: string; timeout: number }
  | { op: "queryRaw" | "executeRaw"; tx?: number; query: SqlQuery }
  | { op: "executeScript"; script: string }
  | { op: "startTransaction"; isolationLevel?: IsolationLevel }
  | { op: "commit" | "rollback"; tx: number }
  | { op: "dispose" };

/** A call with the number that pairs it with its reply. */
export type SqliteRequest = SqliteCall & { id: number };

/** How a call failed: a driver adapter error's payload (Prisma maps it), or a plain message. */
export interface SqliteFailure {
  adapterError?: object;
  message: string;
}

/** The thread's answer to one call. */
export type SqliteReply = { id: number; value: unknown; failure?: undefined } | { id: number; value?: undefined; failure: SqliteFailure };
