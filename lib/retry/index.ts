/**
 * lib/retry — the one backoff formula and the one retry loop: `backoffDelay(attempt, policy)`
 * for anything that waits longer after each failure (watches, polling, self-heal), and
 * `withRetry(call, options)` over p-retry for calls worth another attempt. Each user names its
 * own policy constant beside its code.
 */
export { backoffDelay, type BackoffPolicy } from "./backoff";
export { sleep } from "./sleep";
export { DEFAULT_RETRY_BACKOFF, withRetry, type RetryNotice, type RetryOptions } from "./with-retry";
