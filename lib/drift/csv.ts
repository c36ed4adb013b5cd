import type { DriftEntry } from "./report";
/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell per RFC 4180: quoted when it holds a comma, quote or line break, quotes
 * doubled; a value a spreadsheet would run as a formula gets a leading `'` (OWASP's advice
 * against CSV injection).
 */
export function csvCell(value: string | number | undefined | null): string {
  let text = value === undefined || value === null ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header row, then one row per record, CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** The report as CSV: one row per changed field (one per resource without field detail). */
export function driftCsv(entries: readonly DriftEntry[]): string {
  const header = ["app", "kind", "namespace", "name", "state", "drift_since", "field", "manager", "changed_at"];
  const rows = entries.flatMap((e) => {
    const base = [e.app, e.kind, e.namespace, e.name, e.state, e.driftSince];
    if (e.changes.length === 0) return [[...base, "", "", ""]];
    return e.changes.map((c) => [...base, c.path, c.manager ?? "", c.changedAt ?? ""]);
  });
  return toCsv(header, rows);
}
