/**
 * Retries of a call that failed for a passing reason, over p-retry: waits per a
 * {@link BackoffPolicy} between attempts, reports each retry before waiting (so an operation's
 * log can show it), and stops at once when its signal aborts.
 */
import pRetry from "p-retry";

import { backoffDelay, type BackoffPolicy } from "./backoff";
import { sleep as abortableSleep } from "./sleep";

/** What a retry is about to do, for a log. */
export interface RetryNotice {
  /** 1 for the first retry. */
  retry: number;
  /** Retries allowed in all. */
  retries: number;
  /** Wait before this retry. */
  delayMs: number;
  /** Why the last attempt failed, in one line. */
  reason: string;
  /** The failure itself. */
  error: unknown;
}

/** Options of {@link withRetry}. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 4 */
  retries?: number;
  /** Waits between attempts. @default {@link DEFAULT_RETRY_BACKOFF} */
  backoff?: BackoffPolicy;
  /**
   * Which failures are worth another attempt. A `TypeError` other than a network failure is
   * never retried (p-retry treats it as a bug). @default every failure
   */
  isRetryable?: (error: unknown) => boolean;
  /** The failure in one line, for {@link RetryNotice.reason}. @default the error's message */
  describe?: (error: unknown) => string;
  /** Called before each wait, awaited. */
  onRetry?: (notice: RetryNotice) => void | Promise<void>;
  /** No attempt starts after it aborts, and a wait stops at once; the call rejects with its reason. */
  signal?: AbortSignal;
  /** How to wait (tests pass a fake). @default a timer that stops when the signal aborts */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** 250 ms doubling up to 4 s, no jitter. */
export const DEFAULT_RETRY_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 4_000 };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs `call`; when it fails with a retryable error, waits (per the backoff policy) and tries
 * again, up to `retries` times. The last error is thrown as it was; an abort rejects with the
 * signal's reason.
 */
export function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 4;
  const backoff = options.backoff ?? DEFAULT_RETRY_BACKOFF;
  const isRetryable = options.isRetryable ?? (() => true);
  const describe = options.describe ?? messageOf;
  const wait = options.sleep ?? abortableSleep;
  const { signal } = options;
  return pRetry(() => call(), {
    retries,
    minTimeout: 0,
    signal,
    shouldRetry: async ({ error, attemptNumber }) => {
      if (!isRetryable(error)) return false;
      signal?.throwIfAborted();
      const delayMs = backoffDelay(attemptNumber, backoff);
      await options.onRetry?.({ retry: attemptNumber, retries, delayMs, reason: describe(error), error });
      await wait(delayMs, signal);
      return true;
    },
  });
}
