/**
 * What every part of one engine shares: its dependencies (database, clusters, Git source,
 * event bus, clock, log), its settings, and the state the engine owns (app memory, dry-run
 * verdicts). Built once by `createEngine` and handed to each part; nothing is process-global.
 */
import type { Clusters } from "@/lib/cache/clusters";
import type { DatabaseStores } from "@/lib/db/database";
import type { EventBus } from "@/lib/events/bus";
import type { Source } from "@/lib/source";
import type { AppMemory } from "./app-memory";
import type { DryRunCache } from "./dry-run-cache";

/** The engine's view of the database: the stores it reads and writes. */
export type EngineDatabase = Pick<DatabaseStores, "apps" | "appSources" | "operations" | "queue">;

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
  /** `host:pid` of this process, as the holder of the operations it runs. */
  holder: string;
}

/** What the parts of one engine share. */
export interface EngineContext {
  db: EngineDatabase;
  clusters: Clusters;
  /** Git: mirrors, checkouts and renders. */
  source: Source;
  events: EventBus;
  clock: Clock;
  log: Logger;
  settings: EngineSettings;
  memory: AppMemory;
  /** Dry-run verdicts remembered per (cluster, desired object, live object). */
  dryRuns: DryRunCache;
}

/** A message of any thrown value, for logs. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
