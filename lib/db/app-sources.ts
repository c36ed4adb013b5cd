import type { Db } from "./client";

/** The fields of an app that scheduling and webhook matching read: no status, no spec beyond its source. */
export interface AppSourceRecord {
  id: string;
  name: string;
  repoUrl: string;
  targetRevision: string;
  /** Seconds between polls; null uses the global interval. */
  refreshSeconds: number | null;
  /** The project the app belongs to (what authorization per project needs). */
  project: string;
}

/** Every app's source fields, on one database. */
export function createAppSourcesStore(db: Db) {
  /** Every app's source fields, cheap enough to read every few seconds for thousands of apps. */
  async function listAppSources(): Promise<AppSourceRecord[]> {
    return db.app.findMany({ select: { id: true, name: true, repoUrl: true, targetRevision: true, refreshSeconds: true, project: true }, orderBy: { name: "asc" } });
  }

  return { listAppSources };
}

/** The appSources store's methods. */
export type AppSourcesStore = ReturnType<typeof createAppSourcesStore>;
