/**
 * Retries of Kubernetes API calls that failed for a passing reason — a conflict, throttling,
 * a server error, a timeout — with exponential backoff, as client-go's `retry.OnError` and
 * Argo CD's sync retries do: which failures pass, how long to wait, and how to word a failure
 * for the operation's log. The retry loop itself is lib/retry's.
 */
import { describeKubeError } from "@/lib/kube/errors";
import { withRetry, type BackoffPolicy, type RetryOptions } from "@/lib/retry";

const TRANSIENT_NETWORK_CODES = new Set([
  "ETIMEDOUT",
  "ECONNRESET",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_SOCKET",
]);

function networkCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    const name = (e as { name?: unknown }).name;
    if (name === "TimeoutError" || name === "AbortError") codes.push("ETIMEDOUT");
  }
  return codes;
}

/**
 * True for failures that may pass on their own: 409 Conflict, 429 Too Many Requests, any 5xx,
 * and network timeouts or resets. A 4xx such as 422 Invalid or 403 Forbidden is final.
 */
export function isRetryableApiError(error: unknown): boolean {
  const status = describeKubeError(error).status;
  if (status !== undefined) return status === 409 || status === 429 || status >= 500;
  if (networkCodes(error).some((code) => TRANSIENT_NETWORK_CODES.has(code))) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /timed? ?out|socket hang up/i.test(message);
}

/** Kubernetes API retries: 250 ms doubling up to 4 s, no jitter. */
export const API_RETRY_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 4_000 };

/** A Kubernetes API failure in one line: `409 Conflict: the object has been modified`. */
export function describeApiFailure(error: unknown): string {
  const info = describeKubeError(error);
  return info.status ? `${info.status}${info.reason ? ` ${info.reason}` : ""}: ${info.message}` : info.message;
}

/**
 * Runs a Kubernetes API call with {@link withRetry}: retries failures that
 * {@link isRetryableApiError} calls passing, 4 times at most, per {@link API_RETRY_BACKOFF},
 * each notice worded by {@link describeApiFailure}. `options` may override any of these.
 */
export function withApiRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  return withRetry(call, { retries: 4, backoff: API_RETRY_BACKOFF, isRetryable: isRetryableApiError, describe: describeApiFailure, ...options });
}
