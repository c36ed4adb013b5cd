/**
 * The two SQL dialects Lockstep stores in — SQLite (the embedded default, through libsql) and
 * PostgreSQL (production and replicas, through node-postgres) — and the few places where they
 * differ, branched here and nowhere else. Everything else goes through Prisma's API, which
 * both clients share.
 */
import path from "node:path";
import { MisconfiguredError } from "@/lib/errors";
import type { Db } from "./client";

/** A database dialect Lockstep supports. */
export type Dialect = "sqlite" | "postgresql";

/** The scheme a URL names, e.g. `mysql` for `mysql://…`, without anything after it (which may hold a password). */
function schemeOf(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return scheme ? `a "${scheme}:" URL` : "a value that is not a URL";
}

/**
 * The dialect a database URL names: `file:` is SQLite, `postgresql://` or `postgres://` is
 * PostgreSQL. @throws MisconfiguredError for anything else, naming only the URL's scheme.
 */
export function dialectOf(url: string): Dialect {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  throw new MisconfiguredError(
    `DATABASE_URL must be a SQLite file URL (file:./.data/lockstep.db) or a PostgreSQL URL (postgresql://user@host/db); got ${schemeOf(url)}.`,
  );
}

/** The SQL migrations of each dialect, relative to the working directory; both hold the same migration names. */
export const MIGRATION_DIRS: Readonly<Record<Dialect, string>> = {
  sqlite: path.resolve("prisma/migrations"),
  postgresql: path.resolve("prisma/migrations-postgresql"),
};

/**
 * A Prisma filter for text containing `text`, ignoring case on both dialects: SQLite's `LIKE`
 * already ignores ASCII case, PostgreSQL needs `mode: "insensitive"` (`ILIKE`), which the
 * SQLite client's types do not know — hence the filter is built here, typed as both accept it.
 */
export function containsText(dialect: Dialect, text: string): { contains: string } {
  const filter = dialect === "postgresql" ? { contains: text, mode: "insensitive" as const } : { contains: text };
  return filter;
}

/**
 * Appends one JSON value (given as JSON text) to a JSON-array text column of `Operation`, in one
 * statement, so concurrent appends never lose one another: SQLite's `json_insert`, PostgreSQL's
 * `jsonb ||` (a row update re-reads the latest version of the row under read committed).
 */
export async function appendToOperationLog(db: Db, dialect: Dialect, id: string, entry: string): Promise<void> {
  if (dialect === "postgresql") {
    await db.$executeRaw`UPDATE "Operation" SET "log" = ("log"::jsonb || jsonb_build_array(${entry}::jsonb))::text WHERE "id" = ${id}`;
  } else {
    await db.$executeRaw`UPDATE "Operation" SET "log" = json_insert("log", '$[#]', json(${entry})) WHERE "id" = ${id}`;
  }
}
