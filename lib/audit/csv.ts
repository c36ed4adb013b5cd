/** The audit log as CSV (RFC 4180), safe to open in a spreadsheet. */
import type { AuditEntryRecord } from "@/lib/db/audit";

const COLUMNS = ["at", "actor", "actorKind", "action", "app", "method", "path", "address", "result", "status", "detail"] as const;

/**
 * Quotes a cell; a cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR)
 * gets a leading apostrophe, as OWASP advises against CSV injection.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The entries as CSV with a header row. */
export function auditEntriesToCsv(entries: readonly AuditEntryRecord[]): string {
  const rows = entries.map((entry) =>
    COLUMNS.map((column) => {
      const value = entry[column];
      return csvCell(value instanceof Date ? value.toISOString() : value === null ? "" : String(value));
    }).join(","),
  );
  return [COLUMNS.join(","), ...rows].join("\r\n") + "\r\n";
}
