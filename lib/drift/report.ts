import type { DatabaseStores } from "@/lib/db/database";
import type { OutOfSyncStatus } from "@/lib/db/drift";
import type { FieldChange } from "./managers";

/**
 * The fields of a stored resource row that the report reads. Field paths are stored in their
 * display form (`formatFieldPath`), old rows and new alike: the report only shows them.
 */
export interface DriftRow {
  subject: string;
  kind: string;
  namespace: string;
  name: string;
  status: string;
  state: string;
  /** Why the engine refuses to write it, when it does. */
  refusal?: { rule: string; message: string };
  /** Changed field paths, printed. */
  changedPaths: string[];
  driftSince?: string;
  changes?: FieldChange[];
}

/** One out-of-sync resource on the Drift page. */
export interface DriftEntry {
  app: string;
  /** The app's project. */
  project: string;
  subject: string;
  kind: string;
  /** The resource's namespace (empty for cluster-scoped ones). */
  namespace: string;
  name: string;
  /** `modified`, `missing` or `prunable`. */
  /** `refused` for a resource the engine will not write, else the diff state. */
  state: string;
  /** Why it is refused (the rule's sentence), for refused resources. */
  refusal?: string;
  /** When first seen out of sync (ISO); empty for rows stored before first-seen was recorded. */
  driftSince: string;
  /** Changed fields with the manager that wrote each; for `modified` resources. */
  changes: FieldChange[];
}

/** Filters of the report. */
export interface DriftQuery {
  app?: string;
  /** Only the apps of this project. */
  project?: string;
  namespace?: string;
  /** Which apps the caller may see (an app-scoped token sees only its apps). @default all */
  canSee?: (app: string) => boolean;
}

/** The report and the choices its filters offer. */
export interface DriftReport {
  entries: DriftEntry[];
  /** Apps, projects and namespaces with drift (before filtering), for the filter menus. */
  apps: string[];
  projects: string[];
  namespaces: string[];
}

function entriesOf(status: OutOfSyncStatus): DriftEntry[] {
  return (status.resources as DriftRow[])
    .filter((row) => row.status === "OutOfSync")
    .map((row) => ({
      app: status.appName,
      project: status.project,
      subject: row.subject,
      kind: row.kind,
      namespace: row.namespace,
      name: row.name,
      state: row.refusal ? "refused" : row.state,
      ...(row.refusal ? { refusal: row.refusal.message } : {}),
      driftSince: row.driftSince ?? "",
      changes: row.changes ?? row.changedPaths.map((path) => ({ path })),
    }));
}

/** Oldest drift first; unknown first-seen times last; then by app and subject. */
function oldestFirst(a: DriftEntry, b: DriftEntry): number {
  if (a.driftSince !== b.driftSince) {
    if (!a.driftSince) return 1;
    if (!b.driftSince) return -1;
    return a.driftSince.localeCompare(b.driftSince);
  }
  return a.app.localeCompare(b.app) || a.subject.localeCompare(b.subject);
}

/** True when the entry passes the query's app, project and namespace filters (an empty filter passes all). */
function matches(entry: DriftEntry, query: DriftQuery): boolean {
  return (!query.app || entry.app === query.app) && (!query.project || entry.project === query.project) && (!query.namespace || entry.namespace === query.namespace);
}

/** Builds the report from stored statuses (pure, for tests). */
export function buildDriftReport(statuses: readonly OutOfSyncStatus[], query: DriftQuery = {}): DriftReport {
  const visible = statuses.filter((s) => query.canSee?.(s.appName) ?? true);
  const all = visible.flatMap(entriesOf);
  const entries = all.filter((e) => matches(e, query)).sort(oldestFirst);
  return {
    entries,
    apps: [...new Set(all.map((e) => e.app))].sort(),
    projects: [...new Set(all.map((e) => e.project))].sort(),
    namespaces: [...new Set(all.map((e) => e.namespace).filter(Boolean))].sort(),
  };
}

/** The drift report on one database. */
export function createDriftReader({ db }: { db: Pick<DatabaseStores, "drift"> }) {
  /**
   * Every out-of-sync resource across all apps, oldest drift first, with the changed fields and
   * the managers that wrote them — the Drift page and its export.
   */
  async function listDrift(query: DriftQuery = {}): Promise<DriftReport> {
    return buildDriftReport(await db.drift.listOutOfSyncStatuses(), query);
  }

  return { listDrift };
}
