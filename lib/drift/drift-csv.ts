import { toCsv } from "@/lib/csv";
import type { DriftEntry } from "./report";

/** The drift report as CSV: one row per changed field (one per resource without field detail). */
export function driftCsv(entries: readonly DriftEntry[]): string {
  const header = ["app", "kind", "namespace", "name", "state", "drift_since", "field", "manager", "changed_at"];
  const rows = entries.flatMap((e) => {
    const base = [e.app, e.kind, e.namespace, e.name, e.state, e.driftSince];
    if (e.changes.length === 0) return [[...base, "", "", ""]];
    return e.changes.map((c) => [...base, c.path, c.manager ?? "", c.changedAt ?? ""]);
  });
  return toCsv(header, rows);
}
