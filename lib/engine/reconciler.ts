/**
 * The reconciler: polls every app's repository on its interval (ls-remote only
 * — a fetch and a render happen only when the commit moved), refreshes apps at
 * once when a webhook says their branch moved, and backs off from unreachable
 * repositories while the rest carry on. Automated sync and self-heal are not
 * decided here: the facade runs them after every refresh.
 */
import { listAppSources } from "@/lib/db/app-sources";
import { releaseInterruptedOperations } from "@/lib/db/operations";
import { isErrorOfKind, NotFoundError } from "@/lib/errors";
import { createRevisionMemo, type RevisionMemo } from "@/lib/source";
import type { HealthStatus, SyncStatus } from "@/lib/types";

import { mapLimit } from "./concurrency";
import { refreshApp } from "./index";
import { createPollScheduler, type PollScheduler, type RefreshOutcome } from "./poll-scheduler";
import { isRepoUnreachable } from "./unreachable";

/** Reconciler settings; each defaults from the environment. */
export interface ReconcilerOptions {
  /** Time between two polls of an app without its own interval. @default LOCKSTEP_REFRESH_SECONDS or 180 s */
  intervalMs?: number;
  /** Refreshes running at once. @default LOCKSTEP_REFRESH_CONCURRENCY or 4 */
  concurrency?: number;
  /** Where to report a failed refresh. @default console.error */
  onError?: (appName: string, error: unknown) => void;
}

interface ReconcilerState {
  scheduler: PollScheduler;
  timer?: NodeJS.Timeout;
  polling: boolean;
}

const globalForReconciler = globalThis as unknown as { lockstepReconciler?: ReconcilerState };

function positiveNumber(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return text !== undefined && text.trim() !== "" && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The global poll interval: `LOCKSTEP_REFRESH_SECONDS`, else 180 seconds (Argo CD's default). */
export function refreshIntervalMs(): number {
  return positiveNumber(process.env.LOCKSTEP_REFRESH_SECONDS, 180) * 1000;
}

/** How many refreshes run at once: `LOCKSTEP_REFRESH_CONCURRENCY`, else 4. */
export function refreshConcurrency(): number {
  return Math.floor(positiveNumber(process.env.LOCKSTEP_REFRESH_CONCURRENCY, 4));
}

/** Refreshes one app for the scheduler; an operation in progress or a deleted app is not an error. */
async function refreshForSchedule(name: string, revisions: RevisionMemo, onError: ReconcilerOptions["onError"]): Promise<RefreshOutcome> {
  try {
    return { unreachable: isRepoUnreachable(await refreshApp(name, { revisions })) };
  } catch (error) {
    if (isErrorOfKind(error, "conflict") || isErrorOfKind(error, "not-found")) return { unreachable: false };
    (onError ?? ((app, e) => console.error(`refresh of ${app} failed: ${e instanceof Error ? e.message : String(e)}`)))(name, error);
    return { unreachable: false };
  }
}

/** The process's reconciler, created on first use (polling starts only with {@link startReconciler}). */
function reconciler(options: ReconcilerOptions = {}): ReconcilerState {
  globalForReconciler.lockstepReconciler ??= {
    polling: false,
    scheduler: createPollScheduler({
      listApps: listAppSources,
      refresh: (name, revisions) => refreshForSchedule(name, revisions, options.onError),
      intervalMs: options.intervalMs ?? refreshIntervalMs(),
      concurrency: options.concurrency ?? refreshConcurrency(),
      onError: options.onError,
    }),
  };
  return globalForReconciler.lockstepReconciler;
}

/**
 * Refreshes these apps as soon as possible, after the caller has moved on (a
 * webhook answers first). Works whether or not polling runs.
 */
export function requestRefresh(names: readonly string[]): void {
  if (names.length > 0) reconciler().scheduler.request(names);
}

/** What refreshing one of many apps found. */
export interface RefreshedApp {
  name: string;
  syncStatus: SyncStatus;
  healthStatus?: HealthStatus;
  /** The commit compared. */
  revision?: string;
  /** Why the app could not be refreshed, when it could not; the others carry on. */
  error?: string;
}

/**
 * Refreshes these apps now, all together as one cycle — one `ls-remote` per repository and
 * revision for all of them — `refreshConcurrency()` at a time, and resolves once every one is
 * done (a "refresh all" for people and scripts). A name that is no app is refused before
 * anything runs.
 * @throws NotFoundError naming the first unknown app.
 */
export async function refreshApps(names: readonly string[], options: { hard?: boolean } = {}): Promise<RefreshedApp[]> {
  const known = new Set((await listAppSources()).map((app) => app.name));
  const unknown = names.find((name) => !known.has(name));
  if (unknown !== undefined) throw new NotFoundError(`Application "${unknown}" does not exist.`);
  const revisions = createRevisionMemo();
  return mapLimit([...new Set(names)], refreshConcurrency(), async (name): Promise<RefreshedApp> => {
    try {
      const comparison = await refreshApp(name, { revisions, hard: options.hard });
      return { name, syncStatus: comparison.syncStatus, healthStatus: comparison.healthStatus, revision: comparison.revision?.sha };
    } catch (error) {
      return { name, syncStatus: "Unknown", error: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** The names of every app, for a refresh of all of them. */
export async function allAppNames(): Promise<string[]> {
  return (await listAppSources()).map((app) => app.name);
}

/** A started reconciler. */
export interface RunningReconciler {
  stop(): void;
}

/**
 * Starts polling once per process: releases operations left by a crashed
 * process, then ticks the scheduler, which refreshes each app when it is due.
 * Errors are logged and polling carries on. Returns a handle to stop it.
 */
export function startReconciler(options: ReconcilerOptions = {}): RunningReconciler {
  const state = reconciler(options);
  const handle = {
    stop() {
      state.polling = false;
      if (state.timer) clearTimeout(state.timer);
      state.timer = undefined;
    },
  };
  if (state.polling) return handle;
  state.polling = true;
  const tick = async () => {
    await state.scheduler.tick().catch((error) => console.error(`reconcile failed: ${error instanceof Error ? error.message : String(error)}`));
    if (state.polling) state.timer = setTimeout(tick, state.scheduler.nextTickMs());
  };
  void releaseInterruptedOperations()
    .catch(() => 0)
    .then(() => {
      if (state.polling) state.timer = setTimeout(tick, 1000);
    });
  return handle;
}
