/**
 * Who may read `/metrics` (pure): with `LOCKSTEP_METRICS_TOKEN` set, a caller sending that
 * token as `Authorization: Bearer`, compared in constant time; without it, loopback callers
 * only — and only when the client's address is the socket's own, since an address taken from
 * `X-Forwarded-For` (`LOCKSTEP_TRUST_PROXY=true`) is whatever the proxy's client wrote first.
 * API tokens and sessions grant nothing here: a metrics scraper needs no account.
 */
import { isIP } from "node:net";
import { bearerOf } from "@/lib/auth/authenticate";
import { constantTimeEquals } from "@/lib/crypto/constant-time";
import type { DomainErrorKind } from "@/lib/errors";

/** The environment variable holding the metrics token. */
export const METRICS_TOKEN_VARIABLE = "LOCKSTEP_METRICS_TOKEN";

/** The shortest metrics token accepted, so a guessable one is refused at once. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/** What {@link decideMetricsAccess} judges. */
export interface MetricsAccessRequest {
  /** The request's `Authorization` header. */
  authorization: string | null;
  /** The client's address as the request hook stamped it; undefined when the request carries no genuine stamp. */
  address: string | undefined;
  /** True when that address was read from `X-Forwarded-For` (`LOCKSTEP_TRUST_PROXY=true`), not from the socket. */
  addressFromProxy: boolean;
  /** The configured metrics token; undefined when none is set. */
  token: string | undefined;
}

/** The verdict: allowed (and how), or refused with a domain error kind and one sentence. */
export type MetricsAccess =
  | { allowed: true; by: "token" | "loopback" }
  | { allowed: false; kind: Extract<DomainErrorKind, "unauthenticated" | "forbidden" | "misconfigured">; reason: string };

/** The metrics token of an environment, or undefined when it is unset or blank. */
export function metricsTokenOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const token = env[METRICS_TOKEN_VARIABLE]?.trim();
  return token ? token : undefined;
}

/** True for an IPv4 or IPv6 loopback address, IPv4-mapped ones included (`127.0.0.0/8`, `::1`, `::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.toLowerCase().replace(/^::ffff:/, "");
  if (isIP(plain) === 4) return plain.startsWith("127.");
  return isIP(plain) === 6 && (plain === "::1" || plain === "0:0:0:0:0:0:0:1");
}

/** Decides whether a request may read the metrics; see the module comment. */
export function decideMetricsAccess(request: MetricsAccessRequest): MetricsAccess {
  if (request.token !== undefined) {
    if (request.token.length < MIN_METRICS_TOKEN_LENGTH) {
      return { allowed: false, kind: "misconfigured", reason: `${METRICS_TOKEN_VARIABLE} is shorter than ${MIN_METRICS_TOKEN_LENGTH} characters; set a longer one to read the metrics.` };
    }
    const sent = bearerOf(request.authorization);
    if (sent === undefined) return { allowed: false, kind: "unauthenticated", reason: "Send the metrics token as Authorization: Bearer <token>." };
    if (!constantTimeEquals(sent, request.token)) return { allowed: false, kind: "unauthenticated", reason: "The metrics token does not match." };
    return { allowed: true, by: "token" };
  }
  if (request.address === undefined) {
    return { allowed: false, kind: "forbidden", reason: `The server cannot tell the client's address, so it answers metrics only with ${METRICS_TOKEN_VARIABLE} set.` };
  }
  if (request.addressFromProxy) {
    return { allowed: false, kind: "forbidden", reason: `Behind a trusted proxy the client's address comes from X-Forwarded-For and proves nothing, so set ${METRICS_TOKEN_VARIABLE} to read the metrics.` };
  }
  if (!isLoopbackAddress(request.address)) {
    return { allowed: false, kind: "forbidden", reason: `Metrics answer only loopback callers unless ${METRICS_TOKEN_VARIABLE} is set.` };
  }
  return { allowed: true, by: "loopback" };
}
