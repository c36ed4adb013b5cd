/**
 * The engine's facade: the pipeline Git → render → diff → sync, read top-down.
 * Route handlers and the reconciler call these functions and nothing deeper.
 */
import type { AppSpec, AppUpdate } from "@/lib/apps/spec";
import { createApp, deleteApp, getApp, getStatusResources, saveStatus, updateApp, type AppRecord } from "@/lib/db/apps";
import type { OperationRecord } from "@/lib/db/operations";
import { publish } from "@/lib/events/bus";
import { loadKubeConfig } from "@/lib/kube/config";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { compareApp, type AppComparison } from "./compare-app";
import { kindsOf, listOwnedObjects } from "./live-state";
import { kindsOfRows, statusRows, type ResourceStatusRow } from "./status-rows";
import { syncFromComparison, type SyncOptions } from "./sync-app";

export type { AppComparison } from "./compare-app";
export type { ResourceStatusRow } from "./status-rows";
export type { SyncOptions } from "./sync-app";

const lastComparison = new Map<string, AppComparison>();

async function compareAndStore(app: AppRecord): Promise<AppComparison> {
  const previous = await getStatusResources<ResourceStatusRow>(app.id);
  const comparison = await compareApp(app, { previousKinds: kindsOfRows(previous) });
  await saveStatus(app.id, {
    syncStatus: comparison.syncStatus,
    healthStatus: app.status.healthStatus,
    revision: comparison.revision?.sha ?? app.status.revision,
    revisionSubject: comparison.revision?.subject ?? app.status.revisionSubject,
    revisionAuthor: comparison.revision?.author ?? app.status.revisionAuthor,
    revisionDate: comparison.revision ? new Date(comparison.revision.date) : app.status.revisionDate,
    conditions: comparison.conditions,
    resources: statusRows(comparison),
  });
  lastComparison.set(app.name, comparison);
  publish({ type: "app-status", app: app.name, detail: { syncStatus: comparison.syncStatus } });
  return comparison;
}

/** Compares an app with Git and the cluster now and stores the result as its status. */
export async function refreshApp(name: string): Promise<AppComparison> {
  return compareAndStore(await getApp(name));
}

/** The latest comparison of an app, refreshed when older than `maxAgeMs`. @default 10 s */
export async function getAppComparison(name: string, maxAgeMs = 10_000): Promise<AppComparison> {
  const cached = lastComparison.get(name);
  if (cached && Date.now() - cached.comparedAt.getTime() < maxAgeMs) return cached;
  return refreshApp(name);
}

/** Syncs an app from a fresh comparison, then refreshes its status. A running operation → 409. */
export async function syncApp(name: string, options: SyncOptions): Promise<OperationRecord> {
  const app = await getApp(name);
  const comparison = await compareAndStore(app);
  const operation = await syncFromComparison(app, comparison, options);
  publish({ type: "operation", app: name, detail: { id: operation.id, phase: operation.phase } });
  if (!operation.dryRun) await compareAndStore(await getApp(name));
  return operation;
}

/** Stores a new app and compares it at once, so its page has a status to show. */
export async function createApplication(spec: AppSpec): Promise<AppRecord> {
  const app = await createApp(spec);
  await compareAndStore(app);
  return getApp(app.name);
}

/** Changes an app's spec and compares it again. */
export async function updateApplication(name: string, update: AppUpdate): Promise<AppRecord> {
  const app = await updateApp(name, update);
  await compareAndStore(app);
  return getApp(name);
}

/**
 * Deletes an app. With `cascade`, first deletes every live object it owns from the cluster
 * (as Argo CD's cascading delete); without, leaves them running, unmanaged.
 */
export async function deleteApplication(name: string, options: { cascade: boolean }): Promise<{ deletedResources: number }> {
  const app = await getApp(name);
  let deletedResources = 0;
  if (options.cascade) {
    const rows = await getStatusResources<ResourceStatusRow>(app.id);
    const client = KubeObjectClient.forConfig(loadKubeConfig(app.destCluster));
    const owned = await listOwnedObjects(client, app.name, kindsOf(kindsOfRows(rows)));
    for (const obj of owned.values()) {
      await client.deleteObject(obj);
      deletedResources += 1;
    }
  }
  await deleteApp(name);
  lastComparison.delete(name);
  publish({ type: "app-deleted", app: name });
  return { deletedResources };
}
