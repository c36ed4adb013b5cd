/**
 * Anonymous requests cost nothing to send, and each one refused used to write an audit row: a
 * script could fill the database. So the audit keeps at most one row per anonymous address and
 * action per window (a minute), counts the rest, and tells that count in the detail of the next
 * row for the same address and action.
 */
import { LRUCache } from "lru-cache";

/** Options of {@link createAnonymousThrottle}. */
export interface AnonymousThrottleOptions {
  /** How long one row stands for its address and action. @default 60 000 ms */
  windowMs?: number;
  /** How many addresses and actions are remembered at once; the least recent are forgotten. @default 10 000 */
  maxKeys?: number;
  /** The current time in milliseconds. @default Date.now */
  clock?: () => number;
}

/** What to do with an anonymous request's row. */
export type ThrottleDecision = { record: false } | { record: true; suppressed: number };

/** Builds a throttle; each Audit has its own. */
export function createAnonymousThrottle({ windowMs = 60_000, maxKeys = 10_000, clock = Date.now }: AnonymousThrottleOptions = {}) {
  const windows = new LRUCache<string, { since: number; suppressed: number }>({ max: maxKeys });

  /** Whether the row of an anonymous request from `address` for `action` is written, and how many were left out before it. */
  function decide(address: string, action: string): ThrottleDecision {
    const key = JSON.stringify([address, action]);
    const now = clock();
    const window = windows.get(key);
    if (window && now - window.since < windowMs) {
      window.suppressed += 1;
      return { record: false };
    }
    windows.set(key, { since: now, suppressed: 0 });
    return { record: true, suppressed: window?.suppressed ?? 0 };
  }

  return { decide };
}

/** An anonymous-request throttle: see {@link createAnonymousThrottle}. */
export type AnonymousThrottle = ReturnType<typeof createAnonymousThrottle>;

/** The detail of a row that stands for `suppressed` earlier requests too. */
export function withSuppressedCount(detail: string | null, suppressed: number): string | null {
  if (suppressed === 0) return detail;
  const count = `${suppressed} more anonymous ${suppressed === 1 ? "request" : "requests"} like this one from this address ${suppressed === 1 ? "was" : "were"} not recorded separately.`;
  return detail ? `${detail} (${count})` : count;
}
