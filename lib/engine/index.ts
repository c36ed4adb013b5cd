/**
 * The engine's facade: the pipeline Git → render → diff → sync, read top-down.
 * Route handlers and the reconciler call these functions and nothing deeper.
 */
import type { AppSpec, AppUpdate } from "@/lib/apps/spec";
import { clearRollback, createApp, deleteApp, getApp, getStatusResources, saveStatus, updateApp, type AppRecord } from "@/lib/db/apps";
import { isOperationRunning, requestTermination, type OperationRecord } from "@/lib/db/operations";
import { ConflictError, isErrorOfKind, UnreachableError } from "@/lib/errors";
import { publish } from "@/lib/events/bus";
import { loadKubeConfig } from "@/lib/kube/config";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { clusterCacheFor } from "@/lib/cache";
import { driftSince } from "@/lib/drift";
import type { RevisionMemo } from "@/lib/source";
import { appMemory } from "./app-memory";
import { automate, forgetAutomation, selfHealStatus, type SelfHealStatus } from "./automation";
import { compareApp, type AppComparison } from "./compare-app";
import { followCluster } from "./live-refresh";
import { buildResourceTree, describeNode, eventsOfNodes, flattenTree, type KubeEventView, type ResourceDetail, type TreeNode } from "./resource-tree";
import { compareHistoryEntries, type HistoryComparison } from "./history";
import { kindsOf, listOwnedObjects } from "./live-state";
import { previewRollbackOf, rollbackTo, type RollbackOptions, type RollbackPreview } from "./rollback";
import { kindsOfRows, statusRows, type ResourceStatusRow } from "./status-rows";
import { isRepoUnreachable, recordUnreachable } from "./unreachable";
import { syncFromComparison, type SyncOptions } from "./sync-app";

export type { AppComparison, LiveResourceDiff } from "./compare-app";
export type { SelfHealStatus } from "./automation";
export type { KubeEventView, ResourceDetail, TreeNode } from "./resource-tree";
export type { ResourceStatusRow } from "./status-rows";
export type { SyncOptions } from "./sync-app";
export type { HistoryComparison } from "./history";
export type { ManifestDiff } from "./history-compare";
export type { RollbackOptions, RollbackPreview, RollbackResource } from "./rollback";

const { lastComparison, busy } = appMemory();

/**
 * Why a comparison runs: `cluster` reuses the last render (Git is not read); `sync` runs no
 * automation and dry-runs no object that does not exist yet (the sync's apply answers that).
 */
type CompareTrigger = "refresh" | "cluster" | "sync";

/** The last render of an app, when its spec has not changed since and that comparison did not fail. */
function lastRender(app: AppRecord): { objects: AppComparison["desired"]; commit: NonNullable<AppComparison["revision"]> } | undefined {
  const last = lastComparison.get(app.name);
  if (!last || last.conditions.some((c) => c.type === "ComparisonError")) return undefined;
  return renderOf(last, app);
}

/** The render a comparison used, to compare again without reading Git (right after syncing it), while the spec is unchanged. */
function renderOf(comparison: AppComparison, app: AppRecord): { objects: AppComparison["desired"]; commit: NonNullable<AppComparison["revision"]> } | undefined {
  if (!comparison.revision || comparison.desired.length === 0 || comparison.specVersion !== app.updatedAt.getTime()) return undefined;
  return { objects: comparison.desired, commit: comparison.revision };
}

/** True when what the pages show of an app changed (conditions compared without their timestamps). */
function hasStatusChanged(app: AppRecord, previousRows: ResourceStatusRow[], comparison: AppComparison, rows: ResourceStatusRow[]): boolean {
  const messages = (conditions: AppComparison["conditions"]) => JSON.stringify(conditions.map((c) => [c.type, c.message]));
  return (
    app.status.syncStatus !== comparison.syncStatus ||
    app.status.healthStatus !== (comparison.healthStatus ?? app.status.healthStatus) ||
    app.status.revision !== (comparison.revision?.sha ?? app.status.revision) ||
    messages(app.status.conditions) !== messages(comparison.conditions) ||
    JSON.stringify(previousRows) !== JSON.stringify(rows)
  );
}

const liveHandlers = {
  refresh: async (name: string) => {
    await compareAndStore(name, "cluster").catch((error: unknown) => {
      if (!isErrorOfKind(error, "not-found")) throw error;
    });
  },
  isBusy: (name: string) => busy.has(name),
};

const automationActions = {
  sync: (name: string, options: SyncOptions) => syncApp(name, options),
  refresh: (name: string) => liveHandlers.refresh(name),
};

/**
 * Compares an app and stores the result, after any comparison of it already running: the app
 * is read afresh once its turn comes, so each comparison starts from what the previous one
 * stored and none overwrites a later one (a cluster change compared with an older render must
 * not replace the status of a commit a webhook just brought in). `synced` is the comparison a
 * sync just applied: its render is compared again without reading Git.
 */
function compareAndStore(name: string, trigger: CompareTrigger = "refresh", source: RefreshOptions = {}, synced?: AppComparison): Promise<AppComparison> {
  return appMemory().comparing.run(name, async () => compareAndStoreNow(await getApp(name), trigger, source, synced));
}

async function compareAndStoreNow(app: AppRecord, trigger: CompareTrigger, source: RefreshOptions, synced?: AppComparison): Promise<AppComparison> {
  const previous = await getStatusResources<ResourceStatusRow>(app.id);
  const comparison = await compareApp(app, {
    previousKinds: kindsOfRows(previous),
    desiredState: trigger === "cluster" ? lastRender(app) : synced ? renderOf(synced, app) : undefined,
    source,
    predictMissing: trigger !== "sync",
  });
  if (isRepoUnreachable(comparison)) return recordUnreachable(app, previous, comparison, lastComparison.get(app.name));
  const since = driftSince(comparison.resources, previous, comparison.comparedAt);
  for (const resource of comparison.resources) if (since.has(resource.subject)) resource.driftSince = since.get(resource.subject);
  const rows = statusRows(comparison);
  await saveStatus(app.id, {
    syncStatus: comparison.syncStatus,
    healthStatus: comparison.healthStatus ?? app.status.healthStatus,
    revision: comparison.revision?.sha ?? app.status.revision,
    revisionSubject: comparison.revision?.subject ?? app.status.revisionSubject,
    revisionAuthor: comparison.revision?.author ?? app.status.revisionAuthor,
    revisionDate: comparison.revision ? new Date(comparison.revision.date) : app.status.revisionDate,
    conditions: comparison.conditions,
    resources: rows,
  });
  lastComparison.set(app.name, comparison);
  followCluster(app.destCluster, liveHandlers);
  if (trigger !== "cluster" || hasStatusChanged(app, previous, comparison, rows)) {
    publish({ type: "app-status", app: app.name, detail: { syncStatus: comparison.syncStatus, healthStatus: comparison.healthStatus } });
  }
  if (trigger !== "sync") {
    void automate(app, comparison, automationActions).catch((error) => console.error(`automation of ${app.name} failed: ${error instanceof Error ? error.message : String(error)}`));
  }
  return comparison;
}

/** The watch cache of the app's destination; a destination that cannot be configured is unreachable. */
function liveCacheOf(app: AppRecord): ReturnType<typeof clusterCacheFor> {
  try {
    return clusterCacheFor(app.destCluster);
  } catch (error) {
    throw new UnreachableError(`Cannot reach cluster "${app.destCluster}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** How a refresh reads Git. */
export interface RefreshOptions {
  /** Render again even when the commit did not move (a hard refresh). @default false */
  hard?: boolean;
  /** `ls-remote` answers shared by one refresh cycle of the reconciler. */
  revisions?: RevisionMemo;
}

/**
 * Compares an app with Git and the cluster now and stores the result as its status. An
 * unreachable repository keeps the last known status and adds a `RepoUnreachable` condition.
 */
export async function refreshApp(name: string, options: RefreshOptions = {}): Promise<AppComparison> {
  return compareAndStore(name, "refresh", options);
}

/** The latest comparison of an app, refreshed when older than `maxAgeMs`. @default 10 s */
export async function getAppComparison(name: string, maxAgeMs = 10_000): Promise<AppComparison> {
  const cached = lastComparison.get(name);
  if (cached && Date.now() - cached.comparedAt.getTime() < maxAgeMs) return cached;
  return refreshApp(name);
}

/**
 * Syncs an app from a fresh comparison, then compares the synced render with the cluster
 * again (Git is not read twice) and stores that as its status. A running operation → 409.
 */
export async function syncApp(name: string, options: SyncOptions): Promise<OperationRecord> {
  const app = await getApp(name);
  busy.add(name);
  try {
    const comparison = await compareAndStore(name, "sync");
    const operation = await syncFromComparison(app, comparison, options);
    publish({ type: "operation", app: name, detail: { id: operation.id, phase: operation.phase } });
    if (app.rolledBackTo && isFullSuccessfulSync(operation, options)) await clearRollback(app.id, { resumeAutomation: false });
    if (!operation.dryRun) await compareAndStore(name, "sync", {}, comparison);
    return operation;
  } finally {
    busy.delete(name);
  }
}

/** A real sync of every resource that succeeded: Git's version is live again. */
function isFullSuccessfulSync(operation: OperationRecord, options: SyncOptions): boolean {
  return !operation.dryRun && operation.phase === "Succeeded" && (options.resources ?? []).length === 0;
}

/**
 * Rolls an app back to an earlier successful history entry by re-applying its stored
 * manifests (Git is neither read nor written) and pauses its automated sync. Answers once
 * applied; comparing with Git again (so the page shows how far Git has moved on) follows in
 * the background. A running operation → 409.
 */
export async function rollbackApplication(name: string, options: RollbackOptions): Promise<OperationRecord> {
  const operation = await rollbackTo(await getApp(name), options);
  publish({ type: "operation", app: name, detail: { id: operation.id, phase: operation.phase } });
  void compareAndStore(name).catch((error) => console.error(`comparing ${name} after its rollback failed: ${error instanceof Error ? error.message : String(error)}`));
  return operation;
}

/** What rolling back to an entry would change, per resource; changes and records nothing. */
export async function previewRollback(name: string, options: Pick<RollbackOptions, "operationId" | "prune">): Promise<RollbackPreview> {
  return previewRollbackOf(await getApp(name), options);
}

/**
 * Ends a rollback: turns automated sync back on if the rollback paused it, forgets the
 * rollback, and syncs Git's version now. Refused (409) when the app is neither rolled back
 * nor paused, or while an operation runs.
 */
export async function resumeAutoSync(name: string, initiator: string): Promise<{ app: AppRecord; operation: OperationRecord | null }> {
  const app = await getApp(name);
  if (!app.rolledBackTo && !app.autoSyncPaused) throw new ConflictError(`Application "${name}" is not rolled back and its automated sync is not paused.`);
  if (await isOperationRunning(app.id)) throw new ConflictError(`An operation is already in progress for application "${name}".`);
  await clearRollback(app.id, { resumeAutomation: true });
  publish({ type: "app-status", app: name, detail: { resumed: true } });
  let operation: OperationRecord | null = null;
  try {
    operation = await syncApp(name, { initiator });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  return { app: await getApp(name), operation };
}

/** Asks an app's running operation to stop before its next resource; a finished one → 409. */
export async function terminateOperation(name: string, operationId: string, who: string): Promise<OperationRecord> {
  const operation = await requestTermination((await getApp(name)).id, operationId, who);
  publish({ type: "operation", app: name, detail: { id: operation.id, phase: operation.phase } });
  return operation;
}

/** The per-resource diff between the manifests of two of an app's history entries. */
export async function compareHistory(name: string, fromId: string, toId: string): Promise<HistoryComparison> {
  return compareHistoryEntries(await getApp(name), fromId, toId);
}

/** Stores a new app and compares it at once, so its page has a status to show. */
export async function createApplication(spec: AppSpec): Promise<AppRecord> {
  const app = await createApp(spec);
  await compareAndStore(app.name);
  return getApp(app.name);
}

/** Changes an app's spec and compares it again. */
export async function updateApplication(name: string, update: AppUpdate): Promise<AppRecord> {
  await updateApp(name, update);
  await compareAndStore(name);
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
  forgetAutomation(name);
  publish({ type: "app-deleted", app: name });
  return { deletedResources };
}

/** An app's resource tree from the watch cache, with its latest comparison (refreshed when older than 10 s). */
export async function getResourceTree(name: string): Promise<TreeNode[]> {
  const app = await getApp(name);
  return buildResourceTree(liveCacheOf(app), await getAppComparison(name));
}

/** One node of an app's tree (by uid or subject): live YAML (Secrets masked), diff against Git, Events. */
export async function getResourceDetail(name: string, id: string): Promise<ResourceDetail | undefined> {
  const app = await getApp(name);
  const cache = liveCacheOf(app);
  const comparison = await getAppComparison(name);
  return describeNode(cache, comparison, buildResourceTree(cache, comparison), id);
}

/** The latest Kubernetes Events about an app's objects and everything below them, newest first. */
export async function listAppEvents(name: string): Promise<KubeEventView[]> {
  const app = await getApp(name);
  const cache = liveCacheOf(app);
  return eventsOfNodes(cache, flattenTree(buildResourceTree(cache, await getAppComparison(name))));
}

/** Whether self-heal holds back for an app, and why; undefined when it never acted. */
export function getSelfHealStatus(name: string): SelfHealStatus | undefined {
  return selfHealStatus(name);
}
