/**
 * What every part of one engine shares: its dependencies (database, clusters, Git source,
 * event bus, clock, log), its settings, and the state the engine owns (app memory, dry-run
 * verdicts). Built once by `createEngine` and handed to each part; nothing is process-global.
 */
import type { ClusterCache } from "@/lib/cache";
import type { DatabaseStores } from "@/lib/db/database";
import type { EventBus } from "@/lib/events/bus";
import type { ClusterInfo } from "@/lib/kube/cluster-info";
import type { KubeObjectClient } from "@/lib/kube/object-client";
import type { Metrics } from "@/lib/metrics";
import type { ShardChange, ShardStatus } from "@/lib/shards";
import type { Source } from "@/lib/source";
import type { AppMemory } from "./app-memory";
import type { DryRunCache } from "./dry-run-cache";

/** The engine's view of the database: the stores it reads and writes. */
export type EngineDatabase = Pick<DatabaseStores, "apps" | "appSources" | "operations" | "queue" | "projects" | "notifications" | "pipelines" | "appSets">;

/**
 * What the engine reads and writes of one cluster: its watch cache and API client. A narrow
 * seam (lib/cache's `ClusterCache` is the real one), so the engine's core runs in tests
 * without a cluster.
 */
export type LiveCluster = Pick<
  ClusterCache,
  "ensureKinds" | "ensureEvents" | "get" | "isWatched" | "byUid" | "trackedBy" | "childrenOf" | "ownersOf" | "eventsFor" | "record" | "drop" | "onChange"
> & { client: Pick<KubeObjectClient, "applyObject" | "replaceObject" | "deleteObject" | "getObject" | "describeKind"> & Partial<Pick<KubeObjectClient, "capabilities">> };

/** The destination clusters: lib/cache's `Clusters` is the real one. */
export interface ClusterAccess {
  /** The live state of a destination. @throws Error when it cannot be configured. */
  cache(cluster: string): LiveCluster;
  /** A fresh API client of a destination. */
  client(cluster: string): Pick<KubeObjectClient, "listObjects" | "deleteObject" | "describeKind">;
  /** The destination's version and nodes; never throws. */
  info(cluster: string): Promise<ClusterInfo>;
  /** Stops every watch. */
  stop(): void;
}

/** What the engine needs of Git: the desired state of an app. lib/source's `Source` is the real one. */
export type EngineSource = Pick<Source, "loadDesiredState">;

/** What the engine's parts record in its metrics (lib/metrics' `Metrics` is the real one). */
export type EngineMetrics = Pick<Metrics, "operationFinished" | "reconciled" | "notificationDelivered">;

/** The engine's clock: tests move it by hand. */
export interface Clock {
  now(): number;
}

/** Where the engine reports what nobody asked for (background failures). */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/** Numbers an engine runs by. */
export interface EngineSettings {
  /** Time between two polls of an app without its own interval. */
  refreshIntervalMs: number;
  /** Refreshes running at once. */
  refreshConcurrency: number;
  /** History entries kept per app when the app does not say. */
  historyLimit: number;
  /** Operations of different apps running at once in this process. */
  workerConcurrency: number;
  /** How often the worker looks for operations queued by other processes. */
  workerPollMs: number;
  /** Applies (or deletions) of one sync step running at once against one API server. */
  applyConcurrency: number;
  /** How long one sync may wait for hooks and health between waves, in all. */
  syncTimeoutMs: number;
  /** Time between two reads of the objects a sync waits for. */
  healthPollMs: number;
  /** `host:pid` of this process, as the holder of the operations it runs. */
  holder: string;
}

/**
 * The apps this replica runs among others sharing one database: lib/shards' `ShardKeeper`
 * (Kubernetes Leases) is the real one; a process alone runs every app.
 */
export interface AppMembership {
  /** True while this replica holds the app's shard. */
  owns(appName: string): boolean;
  /** True when the app falls in one of these shards. */
  inShards(appName: string, shards: readonly number[]): boolean;
  /** Takes its first shards and keeps them; `onChange` hears of shards taken or given back. */
  start(onChange: (change: ShardChange) => Promise<void> | void): Promise<void>;
  /** Gives every shard back. */
  stop(): Promise<void>;
  /** The replicas and their shards. */
  status(): ShardStatus;
}

/** What the parts of one engine share. */
export interface EngineContext {
  db: EngineDatabase;
  clusters: ClusterAccess;
  /** Git: mirrors, checkouts and renders. */
  source: EngineSource;
  events: EventBus;
  clock: Clock;
  log: Logger;
  settings: EngineSettings;
  memory: AppMemory;
  /** Dry-run verdicts remembered per (cluster, desired object, live object). */
  dryRuns: DryRunCache;
  /** Where operations and comparisons are counted and timed. */
  metrics: EngineMetrics;
  /** True when this replica runs the app: reconciles it, automates it, runs its operations. */
  owns(appName: string): boolean;
}

/** A message of any thrown value, for logs. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
