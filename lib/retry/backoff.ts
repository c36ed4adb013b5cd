/**
 * The one backoff formula: exponential growth from a first delay up to a cap, with optional
 * jitter. Every place that waits longer after each failure names its own {@link BackoffPolicy}
 * and asks {@link backoffDelay}.
 */

/** How delays grow after failures in a row. */
export interface BackoffPolicy {
  /** Delay after the first failure, in milliseconds. */
  initialMs: number;
  /** Longest delay, in milliseconds. */
  maxMs: number;
  /** Growth per further failure. @default 2 */
  factor?: number;
  /**
   * Range of the factor each delay is multiplied by at random, `[low, high]`: `[0.8, 1]` takes
   * off up to a fifth, `[0.9, 1.1]` varies by a tenth either way; applied after the cap, so
   * many clients do not retry in step. @default no jitter
   */
  jitter?: readonly [low: number, high: number];
}

/**
 * The delay before retry number `attempt` (1 for the first; less counts as 1):
 * `initialMs × factor^(attempt−1)`, capped at `maxMs`, then scaled by the jitter at `random`
 * (a number in [0, 1]; pass one to make the result reproducible), rounded to a millisecond.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number = Math.random()): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const base = Math.min(policy.maxMs, policy.initialMs * (policy.factor ?? 2) ** exponent);
  if (!policy.jitter) return Math.round(base);
  const [low, high] = policy.jitter;
  return Math.round(base * (low + (high - low) * random));
}
