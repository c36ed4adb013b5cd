/**
 * Where a request came from and was sent to — scheme, host and client address — read under one
 * rule: the `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For` headers count only
 * when `LOCKSTEP_TRUST_PROXY=true` says a proxy in front sets them; otherwise any client could
 * send them, and the connection itself (TLS or not, its peer address, `Host`) is the answer.
 * Pure: the request hook, cookies, the same-origin check, the proxy and the audit all ask here.
 */

/** Something with request headers: `Headers`, `NextRequest.headers`, or {@link nodeHeaders}. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** What the connection itself says; a route handler, which has no socket, passes what its URL says. */
export interface ConnectionFacts {
  /** True when the connection is TLS. */
  encrypted?: boolean;
  /** The peer's address. */
  remoteAddress?: string;
}

/** The answer of {@link requestOrigin}. */
export interface RequestOrigin {
  proto: "http" | "https";
  /** The host (and port) the request was sent to, or undefined when nothing names one. */
  host: string | undefined;
  /** The client's address, or "unknown". */
  address: string;
}

/** Options of {@link requestOrigin}. */
export interface RequestOriginOptions {
  /** Whether a proxy in front sets the `X-Forwarded-*` headers (`LOCKSTEP_TRUST_PROXY=true`). */
  trustProxy: boolean;
}

/** Whether the environment says a proxy in front may be trusted: `LOCKSTEP_TRUST_PROXY=true`. */
export function trustsProxy(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.LOCKSTEP_TRUST_PROXY === "true";
}

/** The first entry of a comma-separated forwarding header (the client's end of the chain), trimmed. */
function firstEntry(headers: HeaderSource, name: string): string | undefined {
  return headers.get(name)?.split(",")[0]?.trim() || undefined;
}

/** The request's scheme, host and client address: from the forwarding headers only when the proxy is trusted. */
export function requestOrigin(headers: HeaderSource, connection: ConnectionFacts | undefined, { trustProxy }: RequestOriginOptions): RequestOrigin {
  const direct: RequestOrigin = {
    proto: connection?.encrypted ? "https" : "http",
    host: headers.get("host")?.trim() || undefined,
    address: connection?.remoteAddress || "unknown",
  };
  if (!trustProxy) return direct;
  const proto = firstEntry(headers, "x-forwarded-proto")?.toLowerCase();
  return {
    proto: proto === "https" || proto === "http" ? proto : direct.proto,
    host: firstEntry(headers, "x-forwarded-host") ?? direct.host,
    address: firstEntry(headers, "x-forwarded-for") ?? direct.address,
  };
}

/** Node's `IncomingMessage.headers` as a {@link HeaderSource} (repeated headers joined with commas). */
export function nodeHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): HeaderSource {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
