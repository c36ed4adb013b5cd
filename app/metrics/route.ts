import { errorResponse, STATUS_OF_KIND } from "@/app/api/_shared/respond";
import { getEngine } from "@/lib/engine/current";
import { trustsProxy } from "@/lib/http/forwarded";
import { decideMetricsAccess, metricsTokenOf } from "@/lib/metrics";

/** Never prerendered: every scrape reads the figures of now. */
export const dynamic = "force-dynamic";

function refusal(status: number, reason: string, challenge: boolean): Response {
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (challenge) headers["www-authenticate"] = 'Bearer realm="lockstep-metrics"';
  return new Response(`${reason}\n`, { status, headers });
}

/**
 * Prometheus metrics of this server's engine, in the text exposition format (docs/metrics.md).
 * The proxy lets every request through to here (its rule is `anonymous`); this handler decides:
 * with `LOCKSTEP_METRICS_TOKEN` set, only `Authorization: Bearer <that token>`; without it, only
 * loopback callers, by the client address the request hook stamped from the socket — refused
 * when there is no genuine stamp or the address came from `X-Forwarded-For`. API tokens and
 * sessions grant nothing here.
 */
export async function GET(request: Request): Promise<Response> {
  const engine = getEngine();
  const access = decideMetricsAccess({
    authorization: request.headers.get("authorization"),
    address: engine.audit.readStamp(request.headers)?.address,
    addressFromProxy: trustsProxy(),
    token: metricsTokenOf(process.env),
  });
  if (!access.allowed) return refusal(STATUS_OF_KIND[access.kind], access.reason, access.kind === "unauthenticated");
  try {
    const scrape = await engine.scrapeMetrics();
    return new Response(scrape.body, { headers: { "content-type": scrape.contentType, "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
