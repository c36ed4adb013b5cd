/**
 * Live events between replicas through PostgreSQL's `LISTEN`/`NOTIFY`: every event published
 * on this replica's bus is sent on the `lockstep_events` channel, and every event another
 * replica sent is delivered to this bus, so a browser connected to any replica sees what any
 * replica did. No broker beyond the database the replicas already share; a lost connection is
 * opened again after a second.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { AppEvent, EventBus } from "./bus";

/** The channel replicas talk on. */
const CHANNEL = "lockstep_events";
/** PostgreSQL refuses payloads of 8000 bytes or more; a larger event goes without its detail. */
const MAX_PAYLOAD = 7_900;
const RECONNECT_MS = 1_000;

interface Envelope {
  origin: string;
  event: AppEvent;
}

/** Options of {@link startPostgresRelay}. */
export interface PostgresRelayOptions {
  /** The `postgresql://` URL the replicas share. */
  url: string;
  bus: EventBus;
  log: { error(message: string): void };
}

/** A running relay. */
export interface EventRelay {
  stop(): Promise<void>;
}

function payloadOf(envelope: Envelope): string {
  const full = JSON.stringify(envelope);
  if (full.length < MAX_PAYLOAD) return full;
  return JSON.stringify({ ...envelope, event: { type: envelope.event.type, app: envelope.event.app, at: envelope.event.at } });
}

function readEnvelope(payload: string | undefined): Envelope | undefined {
  try {
    const value = JSON.parse(payload ?? "") as Partial<Envelope>;
    const event = value.event;
    if (typeof value.origin !== "string" || !event || typeof event.app !== "string" || typeof event.type !== "string" || typeof event.at !== "string") return undefined;
    return value as Envelope;
  } catch {
    return undefined;
  }
}

/** Starts relaying the bus's events to and from the other replicas on the same PostgreSQL database. */
export async function startPostgresRelay(options: PostgresRelayOptions): Promise<EventRelay> {
  const origin = randomBytes(6).toString("hex");
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url });
    next.on("notification", (message) => {
      const envelope = readEnvelope(message.payload);
      if (envelope && envelope.origin !== origin) options.bus.receive(envelope.event);
    });
    next.on("error", (error) => {
      options.log.error(`event relay: ${error.message}; reconnecting`);
      if (client === next) client = undefined;
      next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS);
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    client = next;
  };

  await connect();
  const unsubscribe = options.bus.onPublished((event) => {
    client?.query("SELECT pg_notify($1, $2)", [CHANNEL, payloadOf({ origin, event })]).catch((error: unknown) => {
      options.log.error(`event relay: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
