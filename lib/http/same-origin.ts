/**
 * Cross-site request forgery defence for requests a browser sends with cookies: a mutation
 * is refused when the browser says it comes from another site. Browsers send `Origin` with
 * every POST, PUT, PATCH and DELETE, and `Sec-Fetch-Site` with every request; a
 * request with neither is not a browser's (so not forgeable by a page) and passes.
 */

import { requestOrigin, trustsProxy, type HeaderSource } from "./forwarded";

export type { HeaderSource } from "./forwarded";

/** The host the request was sent to: `Host`, or `X-Forwarded-Host` behind a trusted proxy (see forwarded.ts). */
export function requestHost(headers: HeaderSource, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  return requestOrigin(headers, undefined, { trustProxy: trustsProxy(env) }).host;
}

/** The reason a request is cross-site, or undefined when it is same-origin or not from a browser. */
export function crossSiteReason(headers: HeaderSource): string | undefined {
  const origin = headers.get("origin");
  if (origin !== null) {
    let host: string | undefined;
    try {
      host = origin === "null" ? undefined : new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (!host || host !== requestHost(headers)) return `Requests from ${origin === "null" ? "an opaque origin" : origin} may not change anything here.`;
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return "Cross-site requests may not change anything here.";
  return undefined;
}
