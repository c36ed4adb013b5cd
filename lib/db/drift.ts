import { getDb } from "./client";

/** An out-of-sync app's stored resource rows, for the Drift page. */
export interface OutOfSyncStatus {
  appName: string;
  destNamespace: string;
  /** The per-resource rows of its last refresh, as stored. */
  resources: unknown[];
}

/** Every app whose last refresh found it OutOfSync, with its resource rows, in one query. */
export async function listOutOfSyncStatuses(): Promise<OutOfSyncStatus[]> {
  const db = await getDb();
  const statuses = await db.appStatus.findMany({
    where: { syncStatus: "OutOfSync" },
    select: { resources: true, app: { select: { name: true, destNamespace: true } } },
  });
  return statuses.map((s) => ({ appName: s.app.name, destNamespace: s.app.destNamespace, resources: JSON.parse(s.resources) as unknown[] }));
}
