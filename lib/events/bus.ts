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

type Listener = (event: AppEvent) => void;

const globalForBus = globalThis as unknown as { lockstepBus?: EventEmitter };

function bus(): EventEmitter {
  if (!globalForBus.lockstepBus) {
    globalForBus.lockstepBus = new EventEmitter();
    globalForBus.lockstepBus.setMaxListeners(0);
  }
  return globalForBus.lockstepBus;
}

/** Tells every subscriber (SSE streams, the reconciler) that something about an app changed. */
export function publish(event: Omit<AppEvent, "at">): void {
  bus().emit("event", { ...event, at: new Date().toISOString() });
}

/** Listens to every app event of this process; returns the function that stops listening. */
export function subscribe(listener: Listener): () => void {
  bus().on("event", listener);
  return () => bus().off("event", listener);
}
