import { eventsRoute } from "@/app/api/_routes/live";
import { route } from "@/app/api/_shared/route";
import { appVisibilityFor } from "@/app/_auth/app-project";
import type { AppEvent } from "@/lib/events/bus";
import { EVENT_STREAM_HEADERS } from "@/lib/events/sse";

export const dynamic = "force-dynamic";

/** What the Applications list and the Drift page show of an app. */
const LIST_EVENT_TYPES = new Set<AppEvent["type"]>(["app-status", "operation", "app-deleted"]);

function listProjection(event: AppEvent): Record<string, unknown> {
  const { syncStatus, healthStatus, phase } = event.detail ?? {};
  return { type: event.type, app: event.app, detail: { syncStatus, healthStatus, phase }, at: event.at };
}

/**
 * The list pages' event stream (Server-Sent Events): status, operation and deletion changes
 * of the apps the caller may see, and nothing about resources. Resumes from `Last-Event-ID`.
 * For a caller limited to projects, the apps' projects are read when the stream opens: an app
 * created or moved since shows once the page reconnects.
 */
export const GET = route(eventsRoute, async ({ engine, caller, request }) => {
  const canSee = await appVisibilityFor(engine, caller);
  const stream = engine.eventStream({
    filter: (event) => LIST_EVENT_TYPES.has(event.type) && canSee(event.app),
    project: listProjection,
    lastEventId: request.headers.get("last-event-id"),
    signal: request.signal,
  });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
});
