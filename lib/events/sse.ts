import type { AppEvent, EventBus, SequencedEvent } from "./bus";

/** Options of {@link eventStream}. */
export interface EventStreamOptions {
  /** Which events this stream carries (only what its page shows). */
  filter: (event: AppEvent) => boolean;
  /** Shapes an event for the wire; must carry no object bodies or Secret data. @default type, app, detail, at */
  project?: (event: AppEvent) => Record<string, unknown>;
  /** The `Last-Event-ID` the browser sent when reconnecting. */
  lastEventId?: string | null;
  /** Ends the stream (the request's signal). */
  signal: AbortSignal;
  /** Interval of keep-alive comments. @default 15 s */
  heartbeatMs?: number;
}

/** How long the browser waits before reconnecting a dropped stream. */
const RETRY_MS = 1000;

function frame(fields: { id?: string; event: string; data: unknown }): string {
  return `${fields.id ? `id: ${fields.id}\n` : ""}event: ${fields.event}\ndata: ${JSON.stringify(fields.data)}\n\n`;
}

function defaultProjection(event: AppEvent): Record<string, unknown> {
  return { type: event.type, app: event.app, ...(event.detail ? { detail: event.detail } : {}), at: event.at };
}

/**
 * A Server-Sent Events stream of app events: `change` events for what the page shows, a
 * `ready` event carrying the current id on open, and — when the browser reconnects with a
 * `Last-Event-ID` — the events it missed, or a `resync` event when they are no longer known
 * (the page then re-reads everything). Keep-alive comments flow while idle.
 */
export function eventStream(bus: EventBus, options: EventStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const project = options.project ?? defaultProjection;
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const sendEvent = (e: SequencedEvent) => {
        if (options.filter(e.event)) send(frame({ id: e.id, event: "change", data: project(e.event) }));
      };
      send(`retry: ${RETRY_MS}\n\n`);
      const stop = bus.subscribe(sendEvent);
      if (options.lastEventId) {
        const missed = bus.eventsSince(options.lastEventId);
        if (missed) missed.forEach(sendEvent);
        else send(frame({ event: "resync", data: { reason: "Events were missed while disconnected." } }));
      }
      send(frame({ id: bus.currentEventId(), event: "ready", data: {} }));
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), options.heartbeatMs ?? 15_000);
      cleanup = () => {
        clearInterval(heartbeat);
        stop();
        cleanup = () => {};
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      if (options.signal.aborted) cleanup();
      options.signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}

/** The response headers of an event stream; `no-transform` keeps compression from buffering it. */
export const EVENT_STREAM_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};
