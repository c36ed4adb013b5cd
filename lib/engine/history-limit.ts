/** How many history entries an app keeps when neither the app nor the environment says. */
export const DEFAULT_HISTORY_LIMIT = 50;

/** The history limit the environment sets: `LOCKSTEP_HISTORY_LIMIT`, else 50 (Argo CD keeps 10 by default; on-call wants more). */
export function historyLimitFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const configured = Number(env.LOCKSTEP_HISTORY_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_HISTORY_LIMIT;
}

/** The number of history entries to keep for an app: its own `historyLimit`, else the engine's. */
export function historyLimitFor(app: { historyLimit?: number | null }, engineLimit: number): number {
  return app.historyLimit && app.historyLimit > 0 ? app.historyLimit : engineLimit;
}
