/**
 * The audit log: append, read, and forget what is older than the retention. No function here
 * changes an entry, only the retention sweep (lib/audit/retention.ts) deletes, and no route
 * exposes either.
 */
import type { AuditResult } from "@/lib/audit/results";
import type { Db } from "./client";

export { AUDIT_RESULTS, type AuditResult } from "@/lib/audit/results";

/** One audited request. */
export interface AuditEntryRecord {
  id: string;
  at: Date;
  actor: string;
  actorKind: "user" | "token" | "anonymous";
  action: string;
  app: string | null;
  method: string;
  path: string;
  address: string | null;
  result: AuditResult;
  status: number;
  detail: string | null;
}

/** What appending an entry needs. */
export type NewAuditEntry = Omit<AuditEntryRecord, "id" | "at"> & { at?: Date };

/** Filters of the audit log. */
export interface AuditQuery {
  actor?: string;
  app?: string;
  /** Only entries naming one of these apps (what a caller limited to projects may see); entries naming no app are left out too. */
  apps?: readonly string[];
  /** Prefix of the action, e.g. `app.` or `app.sync`. */
  action?: string;
  result?: AuditResult;
  since?: Date;
  until?: Date;
  /** @default 100 */
  limit?: number;
  /** Skips this many entries (newest first). @default 0 */
  offset?: number;
}

/** The audit log, on one database: append and list. */
export function createAuditStore(db: Db) {
  /** Appends an entry. */
  async function appendAuditEntry(entry: NewAuditEntry): Promise<void> {
    await db.auditEntry.create({ data: entry });
  }

  /** Entries matching the filters, newest first, and how many match in all. */
  async function listAuditEntries(query: AuditQuery = {}): Promise<{ entries: AuditEntryRecord[]; total: number }> {
    const where = {
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.app ? { app: query.app } : {}),
      ...(query.apps ? { AND: [{ app: { in: [...query.apps] } }] } : {}),
      ...(query.action ? { action: { startsWith: query.action } } : {}),
      ...(query.result ? { result: query.result } : {}),
      ...(query.since || query.until ? { at: { ...(query.since ? { gte: query.since } : {}), ...(query.until ? { lte: query.until } : {}) } } : {}),
    };
    const [total, rows] = await Promise.all([
      db.auditEntry.count({ where }),
      db.auditEntry.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], take: query.limit ?? 100, skip: query.offset ?? 0 }),
    ]);
    return { total, entries: rows.map((row) => ({ ...row, actorKind: row.actorKind as AuditEntryRecord["actorKind"], result: row.result as AuditResult })) };
  }

  /** Deletes the entries recorded before `cutoff`; answers how many. */
  async function deleteAuditEntriesBefore(cutoff: Date): Promise<number> {
    const { count } = await db.auditEntry.deleteMany({ where: { at: { lt: cutoff } } });
    return count;
  }

  return { appendAuditEntry, listAuditEntries, deleteAuditEntriesBefore };
}

/** The audit store's methods. */
export type AuditStore = ReturnType<typeof createAuditStore>;
