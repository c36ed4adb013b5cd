import { requestOrigin, trustsProxy } from "@/lib/http/forwarded";

/** This server's origin as the browser sees it: scheme and host from the request, or from a trusted proxy's headers (lib/http/forwarded). */
export function browserOrigin(request: Request): string {
  const url = new URL(request.url);
  const origin = requestOrigin(request.headers, { encrypted: url.protocol === "https:" }, { trustProxy: trustsProxy() });
  return `${origin.proto}://${origin.host ?? url.host}`;
}
