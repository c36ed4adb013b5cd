import { describe, expect, it } from "vitest";
import { EventBus } from "./bus";
import { eventStream as streamOf, type EventStreamOptions } from "./sse";

const bus = new EventBus();
const publish = (event: Parameters<EventBus["publish"]>[0]) => bus.publish(event);
const currentEventId = () => bus.currentEventId();
const eventStream = (options: EventStreamOptions) => streamOf(bus, options);

/** Reads what a stream sent so far, as text, then stops it. */
async function readFor(stream: ReadableStream<Uint8Array>, controller: AbortController, act: () => void = () => {}): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += decoder.decode(value);
    }
  })();
  act();
  await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  await pump;
  return text;
}

describe("eventStream", () => {
  it("opens with a retry hint and a ready event carrying the current id", async () => {
    const abort = new AbortController();
    const text = await readFor(eventStream({ filter: () => true, signal: abort.signal }), abort);
    expect(text).toMatch(/^retry: 1000\n\n/);
    expect(text).toContain(`id: ${currentEventId()}\nevent: ready\n`);
  });

  it("carries only the events its filter keeps", async () => {
    const abort = new AbortController();
    const stream = eventStream({ filter: (e) => e.app === "mine", signal: abort.signal });
    const text = await readFor(stream, abort, () => {
      publish({ type: "app-status", app: "mine", detail: { syncStatus: "OutOfSync" } });
      publish({ type: "app-status", app: "other" });
    });
    expect(text).toContain('"app":"mine"');
    expect(text).not.toContain('"app":"other"');
  });

  it("replays the events missed since Last-Event-ID on reconnect", async () => {
    const before = currentEventId();
    publish({ type: "operation", app: "replayed", detail: { phase: "Succeeded" } });
    const abort = new AbortController();
    const text = await readFor(eventStream({ filter: (e) => e.app === "replayed", lastEventId: before, signal: abort.signal }), abort);
    expect(text).toContain("event: change");
    expect(text).toContain('"phase":"Succeeded"');
  });

  it("asks the page to re-read when the last id is from another process", async () => {
    const abort = new AbortController();
    const text = await readFor(eventStream({ filter: () => true, lastEventId: "deadbeef-12", signal: abort.signal }), abort);
    expect(text).toContain("event: resync");
  });
});
