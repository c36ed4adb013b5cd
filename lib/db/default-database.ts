/**
 * Transitional: the one process-wide {@link Database} that module-level functions such as
 * `getApp` and `startOperation` still use, opened lazily on `DATABASE_URL`. This file (with
 * the other `default-*.ts` files) is the only place in lib/db allowed to keep state on
 * `globalThis` — there so every Next.js bundle of the one server process shares one client
 * and hot reloads do not open one per reload. It goes away when the engine, built with its own
 * Database, is wired in.
 */
import type { Db } from "./client";
import { databaseUrl } from "./config";
import { openDatabase, STORE_NAMES, type Database, type DatabaseStores } from "./database";

interface DefaultDatabaseState {
  ready?: Promise<Database>;
  stores?: DatabaseStores;
}

const globalForDb = globalThis as unknown as { lockstepDatabase?: DefaultDatabaseState };

function state(): DefaultDatabaseState {
  globalForDb.lockstepDatabase ??= {};
  return globalForDb.lockstepDatabase;
}

/** The default database, opened on first use after applying pending migrations; a failed open is retried next time. */
export function defaultDatabase(): Promise<Database> {
  const current = state();
  if (!current.ready) {
    const ready = openDatabase({ url: databaseUrl() });
    ready.catch(() => {
      if (state().ready === ready) state().ready = undefined;
    });
    current.ready = ready;
  }
  return current.ready;
}

/** The default database's Prisma client (the former process-wide `getDb()`). */
export async function getDb(): Promise<Db> {
  return (await defaultDatabase()).prisma;
}

function lazyStore(name: keyof DatabaseStores): object {
  return new Proxy(
    {},
    {
      get: (_target, method) =>
        method === "then" || typeof method === "symbol"
          ? undefined
          : async (...args: unknown[]) => {
              const store = (await defaultDatabase())[name] as unknown as Record<string, (...a: unknown[]) => unknown>;
              return store[method]!(...args);
            },
    },
  );
}

/**
 * The default database's stores, usable at once: each method waits for the database to open.
 * Lets the default Auth, Audit and credential store be built synchronously.
 */
export function defaultStores(): DatabaseStores {
  const current = state();
  current.stores ??= Object.fromEntries(STORE_NAMES.map((name) => [name, lazyStore(name)])) as unknown as DatabaseStores;
  return current.stores;
}

/** A module-level function that calls `method` of the default database's `store` (keeping its exact type). */
export function viaDefault<S extends keyof DatabaseStores, M extends keyof DatabaseStores[S]>(store: S, method: M): DatabaseStores[S][M] {
  const call = (...args: unknown[]): unknown => (defaultStores()[store][method] as (...a: unknown[]) => unknown)(...args);
  return call as DatabaseStores[S][M];
}
