import type { Db } from "./client";
import { readJsonColumn, statusResourcesSchema } from "./json-columns";

/** An out-of-sync app's stored resource rows, for the Drift page. */
export interface OutOfSyncStatus {
  appName: string;
  destNamespace: string;
  /** The app's project, for the Drift page's project filter. */
  project: string;
  /** The per-resource rows of its last refresh, as stored. */
  resources: unknown[];
}

/** Out-of-sync statuses for the Drift page, on one database. */
export function createDriftStore(db: Db) {
  /** Every app whose last refresh found it OutOfSync, with its resource rows, in one query. */
  async function listOutOfSyncStatuses(): Promise<OutOfSyncStatus[]> {
    const statuses = await db.appStatus.findMany({
      where: { syncStatus: "OutOfSync" },
      select: { appId: true, resources: true, app: { select: { name: true, destNamespace: true, project: true } } },
    });
    return statuses.map((s) => ({
      appName: s.app.name,
      destNamespace: s.app.destNamespace,
      project: s.app.project,
      resources: readJsonColumn(statusResourcesSchema, s.resources, { table: "AppStatus", column: "resources", rowId: s.appId }),
    }));
  }

  return { listOutOfSyncStatuses };
}

/** The drift store's methods. */
export type DriftStore = ReturnType<typeof createDriftStore>;
