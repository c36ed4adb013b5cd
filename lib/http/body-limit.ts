/**
 * Request body limits, checked by the proxy before any handler reads a byte: JSON APIs take at
 * most 1 MiB; the Git webhook takes up to 25 MiB, since GitHub sends push payloads of up to
 * 25 MB (a push of many commits lists every one of them).
 */

/** The largest request body an API route accepts. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

/** The largest Git webhook delivery accepted: GitHub's cap on a webhook payload. */
export const MAX_WEBHOOK_BODY_BYTES = 25 * 1024 * 1024;

/** The route that takes Git hosts' push webhooks. */
export const GIT_WEBHOOK_PATH = "/api/webhooks/git";

/** How large a body a route accepts, and what to answer above it. */
export interface BodyLimit {
  /** The largest body accepted, in bytes. */
  bytes: number;
  /** The one-sentence error for a larger one. */
  tooLarge: string;
}

/** The limit of every API route but the webhook. */
export const API_BODY_LIMIT: BodyLimit = { bytes: MAX_API_BODY_BYTES, tooLarge: bodyTooLarge(MAX_API_BODY_BYTES) };

/** The Git webhook's limit. */
export const WEBHOOK_BODY_LIMIT: BodyLimit = {
  bytes: MAX_WEBHOOK_BODY_BYTES,
  tooLarge: "The webhook body is larger than 25 MiB, the most a Git host sends for one push.",
};

/** The body limit of the API route at `path`. */
export function bodyLimitOf(path: string): BodyLimit {
  return path === GIT_WEBHOOK_PATH ? WEBHOOK_BODY_LIMIT : API_BODY_LIMIT;
}

/** The problem with a declared `Content-Length`, or undefined when acceptable or absent. */
export function declaredBodyProblem(contentLength: string | null, limit: BodyLimit = API_BODY_LIMIT): string | undefined {
  if (contentLength === null) return undefined;
  const length = Number(contentLength);
  if (!Number.isSafeInteger(length) || length < 0) return "The Content-Length header is invalid.";
  return length > limit.bytes ? limit.tooLarge : undefined;
}

/** The sentence for a body over `limit` bytes. */
function bodyTooLarge(limit = MAX_API_BODY_BYTES): string {
  return `The request body is larger than ${Math.round(limit / 1024)} KiB.`;
}

/**
 * Reads a body of at most `limit` bytes, chunk by chunk, and stops reading as soon as it is
 * larger: answers its bytes, or `undefined` when it is over the limit. The stream is then
 * cancelled without waiting: a branch of `request.clone()` settles its cancel only once the
 * other branch is cancelled too.
 */
export async function readBodyWithin(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | undefined> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/**
 * The string at `field` of a JSON object body, read only when the body is within `limit` bytes
 * (the read stops as soon as it is over): the proxy names the app of an audit note from it,
 * and must not parse a body it refuses for its size. Undefined when over the limit, not JSON,
 * or not a string there; at most 253 characters (a Kubernetes name's length).
 */
export async function stringFieldWithin(body: ReadableStream<Uint8Array> | null, limit: number, field: string): Promise<string | undefined> {
  const bytes = await readBodyWithin(body, limit);
  if (!bytes || bytes.byteLength === 0) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes).toString("utf8"));
    const found = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[field] : undefined;
    return typeof found === "string" ? found.slice(0, 253) : undefined;
  } catch {
    return undefined;
  }
}
