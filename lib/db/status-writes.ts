/**
 * Status writes in batches. A push that moves many apps has each comparison store its app's
 * status row; the writes that arrive while one batch is being written go out together as the
 * next batch, one statement (a multi-row `INSERT … ON CONFLICT DO UPDATE`, the same text on
 * SQLite and PostgreSQL). One such statement costs the server's thread a fraction of what one
 * Prisma upsert per row costs, and PostgreSQL one round trip. A batch that fails (an app deleted
 * meanwhile, whose row the foreign key refuses) is written again row by row through Prisma, so
 * every write answers exactly as it would have alone.
 */
import { Prisma, type AppStatus } from "@/prisma/generated/client";
import { createBatchedCalls, type BatchedCallsOptions } from "./batched-calls";
import type { Db } from "./client";

/** One app's status row as stored, its JSON columns already text; an absent source type keeps the stored one. */
export type StatusRow = Omit<AppStatus, "reconciledAt" | "sourceType"> & { reconciledAt: Date; sourceType?: string };

/** Options of {@link createStatusWriter}: `maxBatch` is the most rows one statement writes. */
export type StatusWriterOptions = BatchedCallsOptions;

/** Writes status rows for one database. */
export interface StatusWriter {
  /** Stores `row` (inserted or replacing the app's row); settles once it is written or refused. */
  write(row: StatusRow): Promise<void>;
}

/** The row's values, in the order of the statement's column list. */
function valuesOf(row: StatusRow): Prisma.Sql {
  return Prisma.sql`(${row.appId}, ${row.syncStatus}, ${row.healthStatus}, ${row.revision}, ${row.revisionSubject}, ${row.revisionAuthor}, ${row.revisionDate}, ${row.conditions}, ${row.resources}, ${row.reconciledAt}, ${row.sourceType ?? null})`;
}

/**
 * The last row per app (one statement may not touch a row twice: PostgreSQL refuses it), in
 * the order of their ids, so that two replicas writing some of the same rows at once lock them
 * in the same order rather than deadlock.
 */
function lastPerApp(rows: readonly StatusRow[]): StatusRow[] {
  return [...new Map(rows.map((row) => [row.appId, row])).values()].sort((a, b) => (a.appId < b.appId ? -1 : a.appId > b.appId ? 1 : 0));
}

/** One statement that inserts or replaces every row, each app once, in the order of their ids; an absent source type keeps the stored one. */
export function upsertStatement(rows: readonly StatusRow[]): Prisma.Sql {
  return Prisma.sql`INSERT INTO "AppStatus" ("appId", "syncStatus", "healthStatus", "revision", "revisionSubject", "revisionAuthor", "revisionDate", "conditions", "resources", "reconciledAt", "sourceType")
VALUES ${Prisma.join(lastPerApp(rows).map(valuesOf))}
ON CONFLICT ("appId") DO UPDATE SET "syncStatus" = excluded."syncStatus", "healthStatus" = excluded."healthStatus", "revision" = excluded."revision", "revisionSubject" = excluded."revisionSubject", "revisionAuthor" = excluded."revisionAuthor", "revisionDate" = excluded."revisionDate", "conditions" = excluded."conditions", "resources" = excluded."resources", "reconciledAt" = excluded."reconciledAt", "sourceType" = COALESCE(excluded."sourceType", "AppStatus"."sourceType")`;
}

/**
 * A status writer on `db`: the first write goes out on the next turn of the event loop, and
 * writes that arrive meanwhile or while it is written follow as one batch each (`batched-calls`).
 */
export function createStatusWriter(db: Db, options: StatusWriterOptions = {}): StatusWriter {
  /** One row as Prisma writes it alone: the fallback of a refused batch. */
  async function writeOne(row: StatusRow): Promise<void> {
    const { appId, ...data } = row;
    await db.appStatus.upsert({ where: { appId }, create: { appId, ...data }, update: data, select: { appId: true } });
  }

  const write = createBatchedCalls<StatusRow, void>(
    async (rows) => {
      try {
        await db.$executeRaw(upsertStatement(rows));
        return rows.map(() => ({ status: "fulfilled", value: undefined }));
      } catch {
        return Promise.allSettled(rows.map(writeOne));
      }
    },
    options,
  );
  return { write };
}
