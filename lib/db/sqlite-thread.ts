/**
 * The entry of the SQLite thread (see `threaded-sqlite`): runs the libsql adapter, whose every
 * statement executes synchronously in native code, so that this work leaves the server's own
 * thread. Calls arrive as messages and are passed to the adapter as they come; the adapter
 * itself runs one statement or transaction at a time, as it does on any thread.
 */
import { parentPort } from "node:worker_threads";

import type { SqlDriverAdapter, SqlQueryable, Transaction } from "@prisma/driver-adapter-utils";

import { LibSqlWithNormalSync } from "./libsql-adapter";
import type { SqliteCall, SqliteFailure, SqliteReply, SqliteRequest } from "./sqlite-thread-messages";

const port = parentPort;
let adapter: SqlDriverAdapter | undefined;
const transactions = new Map<number, Transaction>();
let nextTransaction = 1;

function connected(): SqlDriverAdapter {
  if (!adapter) throw new Error("the SQLite thread is not connected");
  return adapter;
}

function transaction(tx: number): Transaction {
  const found = transactions.get(tx);
  if (!found) throw new Error(`transaction ${tx} is not open on the SQLite thread`);
  return found;
}

async function perform(call: SqliteCall): Promise<unknown> {
  switch (call.op) {
    case "connect":
      adapter = await new LibSqlWithNormalSync({ url: call.url, timeout: call.timeout }).connect();
      return null;
    case "queryRaw":
    case "executeRaw": {
      const target: SqlQueryable = call.tx === undefined ? connected() : transaction(call.tx);
      return call.op === "queryRaw" ? target.queryRaw(call.query) : target.executeRaw(call.query);
    }
    case "executeScript":
      return connected().executeScript(call.script);
    case "startTransaction": {
      const started = await connected().startTransaction(call.isolationLevel);
      const tx = nextTransaction++;
      transactions.set(tx, started);
      return { tx, options: started.options };
    }
    case "commit":
    case "rollback": {
      const open = transaction(call.tx);
      transactions.delete(call.tx);
      return call.op === "commit" ? open.commit() : open.rollback();
    }
    case "dispose":
      await adapter?.dispose();
      adapter = undefined;
      return null;
  }
}

function failureOf(error: unknown): SqliteFailure {
  const message = error instanceof Error ? error.message : String(error);
  const isAdapterError = error instanceof Error && error.name === "DriverAdapterError" && typeof error.cause === "object" && error.cause !== null;
  return isAdapterError ? { adapterError: error.cause as object, message } : { message };
}

if (port) {
  port.on("message", (request: SqliteRequest) => {
    perform(request).then(
      (value) => port.postMessage({ id: request.id, value: value ?? null } satisfies SqliteReply),
      (error: unknown) => port.postMessage({ id: request.id, failure: failureOf(error) } satisfies SqliteReply),
    );
  });
}
