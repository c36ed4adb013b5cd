import { hostname } from "node:os";
import type { EngineSettings } from "./context";
import { historyLimitFromEnv } from "./history-limit";
import { refreshConcurrency, refreshIntervalMs } from "./reconciler";

/** The engine's settings from the environment (see the README's Configuration table). */
export function settingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): EngineSettings {
  return {
    refreshIntervalMs: refreshIntervalMs(env),
    refreshConcurrency: refreshConcurrency(env),
    historyLimit: historyLimitFromEnv(env),
    workerConcurrency: 4,
    workerPollMs: 1_000,
    applyConcurrency: 8,
    holder: `${hostname()}:${process.pid}`,
  };
}
