import { requestHost } from "@/lib/http/same-origin";

/** This server's origin as the browser sees it: scheme from `X-Forwarded-Proto` (set by Next.js or a trusted proxy), host from `Host`. */
export function browserOrigin(request: Request): string {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : new URL(request.url).protocol.replace(":", "");
  return `${proto}://${requestHost(request.headers) ?? new URL(request.url).host}`;
}
