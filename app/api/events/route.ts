import { authorize } from "@/lib/auth/authorize";
import type { AppEvent } from "@/lib/events/bus";
import { EVENT_STREAM_HEADERS, eventStream } from "@/lib/events/sse";
import { requirePrincipal } from "../_shared/principal";
import { errorResponse } from "../_shared/respond";

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
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const principal = await requirePrincipal(request, { permission: "viewer" });
    const stream = eventStream({
      filter: (event) => LIST_EVENT_TYPES.has(event.type) && authorize(principal, { permission: "viewer", app: event.app }).allowed,
      project: listProjection,
      lastEventId: request.headers.get("last-event-id"),
      signal: request.signal,
    });
    return new Response(stream, { headers: EVENT_STREAM_HEADERS });
  } catch (error) {
    return errorResponse(error);
  }
}
