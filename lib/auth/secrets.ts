/**
 * Random bearer values (session cookies, API tokens) and their digests. Only digests are
 * stored: the values have 256 bits of entropy, so a plain SHA-256 is enough to make a stolen
 * database useless for signing in (a slow hash is for low-entropy passwords).
 */
import { createHash, randomBytes } from "node:crypto";

/** Prefix of API tokens, so they are recognisable (and findable by secret scanners). */
export const API_TOKEN_PREFIX = "lsp_";

/** SHA-256 of `value`, hex-encoded. */
export function digest(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** A new session cookie value. */
export function newSessionValue(): string {
  return randomBytes(32).toString("base64url");
}

/** A new API token: `lsp_` and 43 URL-safe characters. */
export function newApiTokenValue(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}
