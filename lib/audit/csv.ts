/** The audit log as CSV (RFC 4180), safe to open in a spreadsheet. */
import { toCsv } from "@/lib/csv";
import type { AuditEntryRecord } from "@/lib/db/audit";

const COLUMNS = ["at", "actor", "actorKind", "action", "app", "method", "path", "address", "result", "status", "detail"] as const;

/** The entries as CSV with a header row. */
export function auditEntriesToCsv(entries: readonly AuditEntryRecord[]): string {
  return toCsv(
    COLUMNS,
    entries.map((entry) => COLUMNS.map((column) => entry[column])),
  );
}
