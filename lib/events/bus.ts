/**
 * lib/events — the engine's publish/subscribe bus, with a replay log so Server-Sent Event
 * streams that reconnect get what they missed. One bus per engine; it carries short,
 * secret-free details only (never object bodies).
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";

/** Something the pages show changed: the browser re-reads what it displays about that app. */
export interface AppEvent {
  type: "app-status" | "operation" | "resource" | "k8s-event" | "app-deleted";
  /** The app concerned. */
  app: string;
  /** Short, secret-free detail for the page (never object bodies). */
  detail?: Record<string, unknown>;
  at: string;
}

/** An event with its place in this bus's sequence. */
export interface SequencedEvent {
  /** `<boot id>-<sequence>`: unique across restarts, so a stale id is recognized as such. */
  id: string;
  event: AppEvent;
}

/** Options of {@link EventBus}. */
export interface EventBusOptions {
  /** How many recent events are kept for streams that reconnect. @default 1000 */
  replaySize?: number;
  /** The clock stamping events. @default Date.now */
  now?: () => number;
}

/** The engine's event bus: publish, subscribe, and replay since an id. */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly bootId = randomBytes(4).toString("hex");
  private sequence = 0;
  private readonly recent: { seq: number; event: SequencedEvent }[] = [];
  private readonly replaySize: number;
  private readonly now: () => number;

  constructor(options: EventBusOptions = {}) {
    this.emitter.setMaxListeners(0);
    this.replaySize = options.replaySize ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Tells every subscriber (SSE streams, the engine) that something about an app changed, and the relays (other replicas). */
  publish(event: Omit<AppEvent, "at">): void {
    const stamped: AppEvent = { ...event, at: new Date(this.now()).toISOString() };
    this.deliver(stamped);
    this.emitter.emit("published", stamped);
  }

  /** Delivers an event another replica published (through a relay) to this bus's subscribers, not back to the relays. */
  receive(event: AppEvent): void {
    this.deliver(event);
  }

  /** Hears the events published here (not those received), to relay them to other replicas; returns the function that stops. */
  onPublished(listener: (event: AppEvent) => void): () => void {
    this.emitter.on("published", listener);
    return () => this.emitter.off("published", listener);
  }

  private deliver(event: AppEvent): void {
    this.sequence += 1;
    const sequenced: SequencedEvent = { id: `${this.bootId}-${this.sequence}`, event };
    this.recent.push({ seq: this.sequence, event: sequenced });
    if (this.recent.length > this.replaySize) this.recent.shift();
    this.emitter.emit("event", sequenced);
  }

  /** Hears every event as it is published; returns the function that stops listening. */
  subscribe(listener: (event: SequencedEvent) => void): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }

  /** The id of the newest event so far (a fresh stream starts from there). */
  currentEventId(): string {
    return `${this.bootId}-${this.sequence}`;
  }

  /**
   * The events after `lastId`, or undefined when they cannot be told: the id is from an
   * earlier process or older than the kept log. The caller then asks the page to re-read.
   */
  eventsSince(lastId: string): SequencedEvent[] | undefined {
    const prefix = `${this.bootId}-`;
    if (!lastId.startsWith(prefix)) return undefined;
    const after = Number(lastId.slice(prefix.length));
    if (!Number.isInteger(after) || after > this.sequence) return undefined;
    const oldest = this.recent[0]?.seq ?? this.sequence + 1;
    if (after + 1 < oldest && after < this.sequence) return undefined;
    return this.recent.filter((e) => e.seq > after).map((e) => e.event);
  }
}
