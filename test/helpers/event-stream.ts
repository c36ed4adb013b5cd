/**
 * A Server-Sent Events client for tests: reads a Lockstep event stream over fetch (with the
 * test's bearer token) and keeps every event it received, in order.
 */

/** One received event. */
export interface StreamEvent {
  event: string;
  id?: string;
  data: unknown;
}

/** An open event stream. */
export interface OpenStream {
  /** Every event so far, in order. */
  events: StreamEvent[];
  close(): void;
}

function parseFrame(frame: string): StreamEvent | undefined {
  let event = "message";
  let id: string | undefined;
  const data: string[] = [];
  for (const line of frame.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  if (data.length === 0) return undefined;
  return { event, ...(id ? { id } : {}), data: JSON.parse(data.join("\n")) };
}

/** Opens `url` as an event stream and collects its events until `close()`. */
export async function openEventStream(url: string, options: { token?: string; lastEventId?: string } = {}): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: {
      accept: "text/event-stream",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.lastEventId ? { "last-event-id": options.lastEventId } : {}),
    },
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`The event stream ${url} answered ${response.status}: ${await response.text()}`);
  const events: StreamEvent[] = [];
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const parsed = parseFrame(buffer.slice(0, end));
          if (parsed) events.push(parsed);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // closed
    }
  })();
  return { events, close: () => abort.abort() };
}
