import { getApp } from "@/lib/db/apps";
import { EVENT_STREAM_HEADERS, eventStream } from "@/lib/events/sse";
import { errorResponse } from "../../../_shared/respond";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

/**
 * The app page's event stream (Server-Sent Events): every change to the app's status, its
 * operations, its resource tree and the Kubernetes Events about its objects. Resumes after a
 * dropped connection from `Last-Event-ID`.
 */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const { name } = await params;
    await getApp(name);
    const stream = eventStream({
      filter: (event) => event.app === name,
      lastEventId: request.headers.get("last-event-id"),
      signal: request.signal,
    });
    return new Response(stream, { headers: EVENT_STREAM_HEADERS });
  } catch (error) {
    return errorResponse(error);
  }
}
