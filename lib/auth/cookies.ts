/**
 * The session cookie: HTTP-only (no script reads it), SameSite=Lax (not sent on cross-site
 * posts), Secure when the request came over HTTPS (or `LOCKSTEP_SECURE_COOKIES=true`, behind a
 * TLS-terminating proxy that does not say so), and holding only a random value whose digest
 * the database keeps. Parsing and writing cookie headers is the `cookie` package's.
 */
import { parse, serialize } from "cookie";

import { requestOrigin, trustsProxy } from "@/lib/http/forwarded";

/** The cookie's name. */
export const SESSION_COOKIE = "lockstep_session";

/** The cookie binding a single sign-on's state to the browser that started it (see oidc/flow.ts). */
export const OIDC_STATE_COOKIE = "lockstep_oidc_state";

/** How long a session lasts: `LOCKSTEP_SESSION_HOURS`, default 12 hours. */
export function sessionLifetimeMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const hours = Number(env.LOCKSTEP_SESSION_HOURS ?? 12);
  return (Number.isFinite(hours) && hours > 0 ? hours : 12) * 3_600_000;
}

/** Something with request headers: `Headers`, `NextRequest.headers`, `headers()`. */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * True when the request arrived over HTTPS: as its URL says (which the request hook built from
 * the connection), or as `X-Forwarded-Proto` says behind a trusted proxy (`LOCKSTEP_TRUST_PROXY`)
 * — never from that header alone, which any client can send.
 */
export function isHttpsRequest(url: string, headers: HeaderSource, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (env.LOCKSTEP_SECURE_COOKIES === "true") return true;
  return requestOrigin(headers, { encrypted: url.startsWith("https:") }, { trustProxy: trustsProxy(env) }).proto === "https";
}

/** Attributes of the session cookie. */
export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge: number;
}

/** The cookie's attributes for a request; `maxAge` in seconds (0 deletes it). */
export function sessionCookieOptions(options: { secure: boolean; maxAgeMs: number }): SessionCookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: options.secure, path: "/", maxAge: Math.floor(options.maxAgeMs / 1000) };
}

/** A `Set-Cookie` header value for the session cookie (the value URI-encoded where needed). */
export function serializeSessionCookie(value: string, options: { secure: boolean; maxAgeMs: number }): string {
  return serialize(SESSION_COOKIE, value, sessionCookieOptions(options));
}

/** The value of cookie `name` in a `Cookie` header (URI-decoded), or undefined; the first wins when it repeats. */
export function readCookie(header: string | null, name: string): string | undefined {
  return parse(header ?? "")[name];
}
