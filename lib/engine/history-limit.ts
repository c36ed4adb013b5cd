/** How many history entries an app keeps when neither the app nor the environment says. */
export const DEFAULT_HISTORY_LIMIT = 50;

/**
 * The number of history entries to keep for an app: its own `historyLimit`, else
 * `LOCKSTEP_HISTORY_LIMIT`, else 50 (Argo CD keeps 10 by default; on-call wants more).
 */
export function historyLimitFor(app: { historyLimit?: number | null }, env: Record<string, string | undefined> = process.env): number {
  if (app.historyLimit && app.historyLimit > 0) return app.historyLimit;
  const configured = Number(env.LOCKSTEP_HISTORY_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_HISTORY_LIMIT;
}
