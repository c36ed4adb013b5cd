import { formatFieldPath, type ResourceDiff } from "@/lib/diff";
import type { FieldChange } from "@/lib/drift";
import type { HealthStatus, KindRef, KubeObject, ResourceRefusal, SyncStatus } from "@/lib/types";
import type { AppComparison } from "./compare-app";

/** One resource as the Applications pages list it: identity and status, never its body. */
export interface ResourceStatusRow {
  subject: string;
  apiVersion: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  status: SyncStatus;
  state: ResourceDiff["state"];
  changedPaths: string[];
  message?: string;
  /** The live object's health; absent in rows stored before health was assessed. */
  health?: HealthStatus;
  /** Why, in one line. */
  healthMessage?: string;
  /** When the resource was first seen out of sync (ISO); kept across refreshes while it stays so. */
  driftSince?: string;
  /** Changed fields with the field manager that wrote each (modified resources only). */
  changes?: FieldChange[];
  /** Why the engine will not write it. */
  refusal?: ResourceRefusal;
}

/** The rows stored with an app's status after a comparison. */
export function statusRows(comparison: AppComparison): ResourceStatusRow[] {
  const apiVersions = new Map<string, string>();
  const remember = (subject: string, obj: KubeObject | undefined) => {
    if (obj) apiVersions.set(subject, obj.apiVersion);
  };
  for (const [subject, obj] of comparison.live) remember(subject, obj);
  for (const r of comparison.resources) {
    if (!apiVersions.has(r.subject)) remember(r.subject, comparison.desired.find((d) => d.kind === r.key.kind && d.metadata.name === r.key.name && (d.metadata.namespace ?? "") === r.key.namespace));
  }
  return comparison.resources.map((r) => ({
    subject: r.subject,
    apiVersion: apiVersions.get(r.subject) ?? (r.key.group ? `${r.key.group}/v1` : "v1"),
    ...r.key,
    status: r.status,
    state: r.state,
    changedPaths: r.changedFields.map(formatFieldPath),
    ...(r.dryRunError ? { message: r.dryRunError } : {}),
    ...(r.health ? { health: r.health.status, ...(r.health.message ? { healthMessage: r.health.message } : {}) } : {}),
    ...(r.driftSince ? { driftSince: r.driftSince } : {}),
    ...(r.changes ? { changes: r.changes } : {}),
    ...(r.refusal ? { refusal: r.refusal } : {}),
  }));
}

/** The kinds an app had objects of, so objects that left Git are still found for pruning. */
export function kindsOfRows(rows: readonly ResourceStatusRow[]): KindRef[] {
  return rows.map((r) => ({ apiVersion: r.apiVersion, kind: r.kind }));
}
