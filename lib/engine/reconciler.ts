import { listAllApps } from "@/lib/db/apps";
import { releaseInterruptedOperations } from "@/lib/db/operations";
import { isLockstepError } from "@/lib/errors";
import { mapLimit } from "./concurrency";
import { refreshApp, syncApp } from "./index";

/** Reconciler settings. */
export interface ReconcilerOptions {
  /** Time between two refreshes of every app. @default LOCKSTEP_REFRESH_SECONDS or 180 s */
  intervalMs?: number;
  /** Apps refreshed at once. @default 4 */
  concurrency?: number;
  /** Where to report a failed refresh. @default console.error */
  onError?: (appName: string, error: unknown) => void;
}

interface RunningReconciler {
  stop(): void;
}

const globalForReconciler = globalThis as unknown as { lockstepReconciler?: RunningReconciler };

/** The configured interval: `LOCKSTEP_REFRESH_SECONDS`, else 180 seconds (as Argo CD's default). */
export function refreshIntervalMs(): number {
  const seconds = Number(process.env.LOCKSTEP_REFRESH_SECONDS ?? 180);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 180_000;
}

/** Refreshes every app once; an automated app found OutOfSync is synced. */
export async function reconcileAll(options: ReconcilerOptions = {}): Promise<void> {
  const apps = await listAllApps();
  await mapLimit(apps, options.concurrency ?? 4, async (app) => {
    try {
      const comparison = await refreshApp(app.name);
      if (app.automated && comparison.syncStatus === "OutOfSync") {
        await syncApp(app.name, { initiator: "automated", kind: "auto-sync" });
      }
    } catch (error) {
      if (isLockstepError(error) && error.status === 409) return;
      (options.onError ?? ((name, e) => console.error(`refresh of ${name} failed: ${e instanceof Error ? e.message : String(e)}`)))(app.name, error);
    }
  });
}

/**
 * Starts the background loop once per process: releases operations left by a crashed process,
 * then refreshes every app on an interval with jitter. Returns a handle to stop it.
 */
export function startReconciler(options: ReconcilerOptions = {}): RunningReconciler {
  if (globalForReconciler.lockstepReconciler) return globalForReconciler.lockstepReconciler;
  const interval = options.intervalMs ?? refreshIntervalMs();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    await reconcileAll(options).catch((error) => console.error(`reconcile failed: ${error instanceof Error ? error.message : String(error)}`));
    if (!stopped) timer = setTimeout(tick, interval * (0.9 + Math.random() * 0.2));
  };
  void releaseInterruptedOperations()
    .catch(() => 0)
    .then(() => {
      if (!stopped) timer = setTimeout(tick, 1000);
    });
  const handle = {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      globalForReconciler.lockstepReconciler = undefined;
    },
  };
  globalForReconciler.lockstepReconciler = handle;
  return handle;
}
