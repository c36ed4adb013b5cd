/** Request body limits: JSON APIs take at most 1 MiB, checked by the proxy before any handler reads a byte. */

/** The largest request body an API route accepts. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

/** The problem with a declared `Content-Length`, or undefined when acceptable or absent. */
export function declaredBodyProblem(contentLength: string | null, limit = MAX_API_BODY_BYTES): string | undefined {
  if (contentLength === null) return undefined;
  const length = Number(contentLength);
  if (!Number.isSafeInteger(length) || length < 0) return "The Content-Length header is invalid.";
  return length > limit ? bodyTooLarge(limit) : undefined;
}

/** The sentence for a body over the limit. */
export function bodyTooLarge(limit = MAX_API_BODY_BYTES): string {
  return `The request body is larger than ${Math.round(limit / 1024)} KiB.`;
}
