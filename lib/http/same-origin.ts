/**
 * Cross-site request forgery defence for requests a browser sends with cookies: a mutation
 * is refused when the browser says it comes from another site. Browsers send `Origin` with
 * every POST, PUT, PATCH and DELETE, and `Sec-Fetch-Site` with every request; a
 * request with neither is not a browser's (so not forgeable by a page) and passes.
 */

/** Something with request headers. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** The host the request was sent to: `Host`, or `X-Forwarded-Host` behind a trusted proxy. */
export function requestHost(headers: HeaderSource): string | undefined {
  const forwarded = process.env.LOCKSTEP_TRUST_PROXY === "true" ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || headers.get("host") || undefined;
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
