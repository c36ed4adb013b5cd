import { hostname } from "node:os";
import type { EngineSettings } from "./context";
import { historyLimitFromEnv } from "./history-limit";
import { refreshConcurrency, refreshIntervalMs } from "./reconciler";

/** Default of `LOCKSTEP_SYNC_TIMEOUT_SECONDS`: how long a sync may wait for hooks and health, 10 minutes. */
const DEFAULT_SYNC_TIMEOUT_SECONDS = 600;

/** `LOCKSTEP_SYNC_TIMEOUT_SECONDS` in milliseconds: a whole number of seconds, at least 1; the default otherwise. */
export function syncTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.LOCKSTEP_SYNC_TIMEOUT_SECONDS?.trim();
  const seconds = raw && /^\d+$/.test(raw) ? Number(raw) : DEFAULT_SYNC_TIMEOUT_SECONDS;
  return (seconds >= 1 ? seconds : DEFAULT_SYNC_TIMEOUT_SECONDS) * 1000;
}

/** The engine's settings from the environment (see the README's Configuration table). */
export function settingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): EngineSettings {
  return {
    refreshIntervalMs: refreshIntervalMs(env),
    refreshConcurrency: refreshConcurrency(env),
    historyLimit: historyLimitFromEnv(env),
    workerConcurrency: 4,
    workerPollMs: 1_000,
    applyConcurrency: 8,
    syncTimeoutMs: syncTimeoutMs(env),
    healthPollMs: 1_000,
    holder: `${env.LOCKSTEP_REPLICA_NAME?.trim() || hostname()}:${process.pid}`,
  };
}
