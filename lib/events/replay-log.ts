import { randomBytes } from "node:crypto";
import { subscribe, type AppEvent } from "./bus";

/** An event with its place in this process's sequence. */
export interface SequencedEvent {
  /** `<boot id>-<sequence>`: unique across restarts, so a stale id is recognized as such. */
  id: string;
  event: AppEvent;
}

/** How many recent events are kept for streams that reconnect. */
const LOG_SIZE = 1000;

interface ReplayLog {
  bootId: string;
  sequence: number;
  events: SequencedEvent[];
  listeners: Set<(event: SequencedEvent) => void>;
}

const globalForLog = globalThis as unknown as { lockstepReplayLog?: ReplayLog };

function log(): ReplayLog {
  if (!globalForLog.lockstepReplayLog) {
    const state: ReplayLog = { bootId: randomBytes(4).toString("hex"), sequence: 0, events: [], listeners: new Set() };
    subscribe((event) => {
      state.sequence += 1;
      const sequenced = { id: `${state.bootId}-${state.sequence}`, event };
      state.events.push(sequenced);
      if (state.events.length > LOG_SIZE) state.events.shift();
      for (const listener of state.listeners) listener(sequenced);
    });
    globalForLog.lockstepReplayLog = state;
  }
  return globalForLog.lockstepReplayLog;
}

/** The id of the newest event so far (a fresh stream starts from there). */
export function currentEventId(): string {
  const state = log();
  return `${state.bootId}-${state.sequence}`;
}

/**
 * The events after `lastId`, or undefined when they cannot be told: the id is from an
 * earlier process or older than the kept log. The caller then asks the page to re-read.
 */
export function eventsSince(lastId: string): SequencedEvent[] | undefined {
  const state = log();
  const [boot, seq] = lastId.split("-");
  const after = Number(seq);
  if (boot !== state.bootId || !Number.isInteger(after) || after > state.sequence) return undefined;
  const oldest = state.events[0] ? Number(state.events[0].id.split("-")[1]) : state.sequence + 1;
  if (after + 1 < oldest && after < state.sequence) return undefined;
  return state.events.filter((e) => Number(e.id.split("-")[1]) > after);
}

/** Hears every event as it is logged; returns the function that stops listening. */
export function onLoggedEvent(listener: (event: SequencedEvent) => void): () => void {
  const state = log();
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}
