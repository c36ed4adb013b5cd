/**
 * Retries of Kubernetes API calls that failed for a passing reason — a conflict, throttling,
 * a server error, a timeout — with exponential backoff, as client-go's `retry.OnError` and
 * Argo CD's sync retries do. Every retry is reported, so an operation's log can show it.
 */
import { describeKubeError } from "@/lib/kube/errors";

/** What a retry is about to do, for the operation's log. */
export interface RetryNotice {
  /** 1 for the first retry. */
  retry: number;
  /** Retries allowed in all. */
  retries: number;
  /** Wait before this retry. */
  delayMs: number;
  /** Why the last attempt failed, in one line. */
  reason: string;
}

/** Options of {@link withRetry}. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 4 */
  retries?: number;
  /** Wait before the first retry; doubled before each next one. @default 250 */
  baseDelayMs?: number;
  /** Longest wait between two attempts. @default 4000 */
  maxDelayMs?: number;
  /** Which failures are worth another attempt. @default isRetryableApiError */
  isRetryable?: (error: unknown) => boolean;
  /** Called before each retry, awaited. */
  onRetry?: (notice: RetryNotice) => void | Promise<void>;
  /** How to wait (tests pass a fake clock). @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

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

/** The wait before retry number `retry` (1-based): base × 2^(retry−1), capped. */
export function backoffDelay(retry: number, options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs"> = {}): number {
  const base = options.baseDelayMs ?? 250;
  return Math.min(options.maxDelayMs ?? 4000, base * 2 ** (retry - 1));
}

function oneLine(error: unknown): string {
  const info = describeKubeError(error);
  return info.status ? `${info.status}${info.reason ? ` ${info.reason}` : ""}: ${info.message}` : info.message;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call`; when it fails with a retryable error, waits (exponential backoff) and tries
 * again, up to `retries` times. The last error is thrown as it was.
 */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 4;
  const isRetryable = options.isRetryable ?? isRetryableApiError;
  const sleep = options.sleep ?? realSleep;
  for (let retry = 1; ; retry++) {
    try {
      return await call();
    } catch (error) {
      if (retry > retries || !isRetryable(error)) throw error;
      const delayMs = backoffDelay(retry, options);
      await options.onRetry?.({ retry, retries, delayMs, reason: oneLine(error) });
      await sleep(delayMs);
    }
  }
}
