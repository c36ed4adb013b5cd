/**
 * Headers the server stamps on each request as it arrives, before Next.js sees it: a request
 * id (to find the request's audit note) and the client's address. Any header of these names
 * sent by a client is replaced, and a secret of the stamp proves it is genuine.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

import { nodeHeaders, requestOrigin, trustsProxy, type RequestOrigin } from "@/lib/http/forwarded";

/** The request id header. */
export const REQUEST_ID_HEADER = "x-lockstep-request-id";
/** The client address header. */
export const CLIENT_ADDRESS_HEADER = "x-lockstep-client-address";
/** The header proving the two above were set by this process, not by the client. */
export const STAMP_HEADER = "x-lockstep-stamp";
/** Prefix of every internal header; clients' headers with it are dropped. */
export const INTERNAL_HEADER_PREFIX = "x-lockstep-";

/** The client's address: the socket's, or with `LOCKSTEP_TRUST_PROXY=true` the first `X-Forwarded-For` entry. */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return requestOrigin(nodeHeaders({ "x-forwarded-for": forwardedFor }), { remoteAddress: socketAddress }, { trustProxy: trustsProxy(env) }).address;
}

/**
 * Rewrites a request's `X-Forwarded-Proto`, `-Host` and `-For` to what {@link requestOrigin}
 * decided, before Next.js reads them: Next.js keeps a client's `X-Forwarded-Proto` and builds
 * `request.url` from it, so without this a client could make a plain-HTTP request look HTTPS.
 */
function rewriteForwardingHeaders(request: Pick<IncomingMessage, "headers">, origin: RequestOrigin): void {
  request.headers["x-forwarded-proto"] = origin.proto;
  request.headers["x-forwarded-for"] = origin.address;
  if (origin.host) request.headers["x-forwarded-host"] = origin.host;
  else delete request.headers["x-forwarded-host"];
}

/** What a socket says of itself (a TLS socket has `encrypted: true`). */
function connectionOf(socket: IncomingMessage["socket"]): { encrypted: boolean; remoteAddress?: string } {
  return { encrypted: (socket as { encrypted?: boolean }).encrypted === true, remoteAddress: socket.remoteAddress };
}

/** A new request id. */
export function newRequestId(): string {
  return randomBytes(12).toString("base64url");
}

/** Something with request headers, such as `Headers` or Next.js's `headers()`. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Options of {@link createRequestStamp}. */
export interface RequestStampOptions {
  /** Reads `LOCKSTEP_TRUST_PROXY`. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * A request stamp with its own random secret: stamps arriving requests and recognises the
 * stamps it made. The secret is what makes a stamp genuine, so whoever reads stamps must use
 * the same object as the hook that wrote them.
 */
export function createRequestStamp(options: RequestStampOptions = {}) {
  const secret = randomBytes(16).toString("hex");

  /** Replaces a request's internal headers with a new request id, its client address and the secret; answers the id. */
  function stampRequest(request: Pick<IncomingMessage, "headers" | "socket">): string {
    for (const name of Object.keys(request.headers)) {
      if (name.startsWith(INTERNAL_HEADER_PREFIX)) delete request.headers[name];
    }
    const requestId = newRequestId();
    request.headers[REQUEST_ID_HEADER] = requestId;
    const origin = requestOrigin(nodeHeaders(request.headers), connectionOf(request.socket), { trustProxy: trustsProxy(options.env ?? process.env) });
    rewriteForwardingHeaders(request, origin);
    request.headers[CLIENT_ADDRESS_HEADER] = origin.address;
    request.headers[STAMP_HEADER] = secret;
    return requestId;
  }

  /** The stamped request id and address of a request, when the stamp is this one's. */
  function readStamp(headers: HeaderReader): { requestId: string; address: string } | undefined {
    if (headers.get(STAMP_HEADER) !== secret) return undefined;
    const requestId = headers.get(REQUEST_ID_HEADER);
    const address = headers.get(CLIENT_ADDRESS_HEADER);
    return requestId && address ? { requestId, address } : undefined;
  }

  return { secret, stampRequest, readStamp };
}

/** A request stamp: see {@link createRequestStamp}. */
export type RequestStamp = ReturnType<typeof createRequestStamp>;
