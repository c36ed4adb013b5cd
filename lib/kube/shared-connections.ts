import { setHeaderMiddleware } from "@kubernetes/client-node";

/** A request middleware of @kubernetes/client-node. */
export type RequestMiddleware = ReturnType<typeof setHeaderMiddleware>;

/**
 * Makes every request of one API client share one connection pool. @kubernetes/client-node
 * authenticates each request by giving it a new undici Agent, so each call to the API server
 * would open (and leave behind) a TLS connection of its own: a handshake per call on both
 * sides, and native memory that piles up. Run after authentication, this middleware keeps the
 * first request's Agent and hands it to every later request (the kubeconfig's certificates are
 * the same for all; bearer tokens travel in headers, which are still set per request). It also
 * names Lockstep as the user agent, for the API server's logs.
 */
export function sharedConnections(): RequestMiddleware {
  const userAgent = setHeaderMiddleware("User-Agent", "lockstep");
  let shared: ReturnType<Parameters<RequestMiddleware["pre"]>[0]["getDispatcher"]>;
  return {
    pre(request) {
      const own = request.getDispatcher();
      if (own !== undefined) {
        if (shared === undefined) shared = own;
        else request.setDispatcher(shared);
      }
      return userAgent.pre(request);
    },
    post: (response) => userAgent.post(response),
  };
}
