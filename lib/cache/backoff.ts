/** Exponential backoff settings. */
export interface BackoffOptions {
  /** First delay. @default 250 ms */
  initialMs?: number;
  /** Largest delay. @default 15 s */
  maxMs?: number;
  /** Growth per failure. @default 2 */
  factor?: number;
}

/**
 * The delay before retry number `failures` (1 for the first retry): grows by `factor` up to
 * `maxMs`, with up to 20% random jitter so many watches do not reconnect in lockstep.
 */
export function backoffDelay(failures: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const initial = options.initialMs ?? 250;
  const max = options.maxMs ?? 15_000;
  const factor = options.factor ?? 2;
  const base = Math.min(max, initial * factor ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.2 * random()));
}
