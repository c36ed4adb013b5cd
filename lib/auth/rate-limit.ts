/**
 * Failed sign-in counting, per account and per address, over a sliding window.
 *
 * Kept in memory by the Auth object that owns the limiters (see auth.ts): a restart forgets
 * the counts, and several replicas would each count on their own (a shared store is the way
 * to go for those). A locked account unlocks by itself when its oldest
 * failure leaves the window, so an attacker can delay, but not lock out, the real user.
 */

/** Options of a {@link FailureLimiter}. */
export interface FailureLimiterOptions {
  /** Failures allowed within the window; the next attempt is refused. */
  maxFailures: number;
  windowMs: number;
}

/** Counts failures per key and says how long a key must wait. */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly options: FailureLimiterOptions) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.options.windowMs);
    if (kept.length > 0) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.options.maxFailures) return 0;
    return recent[recent.length - this.options.maxFailures]! + this.options.windowMs - now;
  }

  /** Counts one failure of `key`. */
  recordFailure(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  /** Forgets `key`'s failures (after a successful sign-in). */
  reset(key: string): void {
    this.failures.delete(key);
  }
}

const FIFTEEN_MINUTES = 15 * 60_000;

/** The two limiters of password sign-ins. */
export interface SignInLimiters {
  /** Failures per account (the lower-cased user name). */
  account: FailureLimiter;
  /** Failures per client address. */
  address: FailureLimiter;
}

/** New sign-in limiters: 5 failures per account and 20 per address in 15 minutes. */
export function createSignInLimiters(): SignInLimiters {
  return {
    account: new FailureLimiter({ maxFailures: 5, windowMs: FIFTEEN_MINUTES }),
    address: new FailureLimiter({ maxFailures: 20, windowMs: FIFTEEN_MINUTES }),
  };
}
