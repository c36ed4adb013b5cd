/**
 * Headers the server stamps on each request as it arrives, before Next.js sees it: a request
 * id (to find the request's audit note) and the client's address. Any header of these names
 * sent by a client is replaced, and a per-process secret proves the stamp is genuine.
 */
import { randomBytes } from "node:crypto";

/** The request id header. */
export const REQUEST_ID_HEADER = "x-lockstep-request-id";
/** The client address header. */
export const CLIENT_ADDRESS_HEADER = "x-lockstep-client-address";
/** The header proving the two above were set by this process, not by the client. */
export const STAMP_HEADER = "x-lockstep-stamp";
/** Prefix of every internal header; clients' headers with it are dropped. */
export const INTERNAL_HEADER_PREFIX = "x-lockstep-";

const globalForStamp = globalThis as unknown as { lockstepStamp?: string };

/** This process's stamp secret (created on first use). */
export function processStamp(): string {
  globalForStamp.lockstepStamp ??= randomBytes(16).toString("hex");
  return globalForStamp.lockstepStamp;
}

/** True once the request hook is installed in this process. */
export function hasProcessStamp(): boolean {
  return globalForStamp.lockstepStamp !== undefined;
}

/** The client's address: the socket's, or with `LOCKSTEP_TRUST_PROXY=true` the first `X-Forwarded-For` entry. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined): string {
  if (process.env.LOCKSTEP_TRUST_PROXY === "true") {
    const first = (Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return socketAddress ?? "unknown";
}

/** A new request id. */
export function newRequestId(): string {
  return randomBytes(12).toString("base64url");
}

/** Something with request headers, such as `Headers` or Next.js's `headers()`. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** The stamped request id and address of a request, when the stamp is genuine. */
export function readStamp(headers: HeaderReader): { requestId: string; address: string } | undefined {
  if (!hasProcessStamp() || headers.get(STAMP_HEADER) !== processStamp()) return undefined;
  const requestId = headers.get(REQUEST_ID_HEADER);
  const address = headers.get(CLIENT_ADDRESS_HEADER);
  return requestId && address ? { requestId, address } : undefined;
}
