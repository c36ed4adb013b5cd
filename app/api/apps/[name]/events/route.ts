import { appEventsRoute } from "@/app/api/_routes/apps";
import { route } from "@/app/api/_shared/route";
import { EVENT_STREAM_HEADERS } from "@/lib/events/sse";

export const dynamic = "force-dynamic";

/**
 * The app page's event stream (Server-Sent Events): every change to the app's status, its
 * operations, its resource tree and the Kubernetes Events about its objects. Resumes after a
 * dropped connection from `Last-Event-ID`.
 */
export const GET = route(appEventsRoute, async ({ engine, params, request }) => {
  const { name } = params;
  await engine.apps.get(name);
  const stream = engine.eventStream({
    filter: (event) => event.app === name,
    lastEventId: request.headers.get("last-event-id"),
    signal: request.signal,
  });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
});
