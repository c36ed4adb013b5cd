/**
 * HTTP basic authentication (RFC 7617) for the fixture Git server: checking an
 * `Authorization` header, and building one for clients that pass it via
 * `http.extraHeader` instead of putting credentials in a URL.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** A username and password for HTTP basic auth. */
export interface BasicCredentials {
  /** User name; must not contain `:`. */
  username: string;
  /** Password; never logged. */
  password: string;
}

/** The value of an `Authorization` header carrying `credentials`, e.g. `Basic dXNlcjpwYXNz`. */
export function basicAuthHeader(credentials: BasicCredentials): string {
  const token = Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64");
  return `Basic ${token}`;
}

/**
 * Parses a `Basic` `Authorization` header; `null` when it is missing, uses
 * another scheme, or is malformed.
 */
export function parseBasicAuth(header: string | undefined): BasicCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) return null;
  return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

/** Whether `header` carries exactly `expected`, compared in constant time. */
export function hasValidBasicAuth(header: string | undefined, expected: BasicCredentials): boolean {
  const given = parseBasicAuth(header);
  if (!given) return false;
  const isUserValid = isSameSecret(given.username, expected.username);
  const isPasswordValid = isSameSecret(given.password, expected.password);
  return isUserValid && isPasswordValid;
}

/** Constant-time equality that does not leak the length of either string. */
function isSameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
