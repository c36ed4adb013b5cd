/**
 * Notification channels as the rest of Lockstep sees them: created, changed, listed and deleted
 * here, their secrets sealed with lib/credentials' cipher (AES-256-GCM, purpose
 * `notification-secret`) before they reach the database, and returned only as views that say
 * which secrets are set. {@link ChannelRecords.open} is the one function that decrypts, for
 * sending.
 */
import type { z } from "zod";
import { fieldErrors } from "@/lib/apps/spec";
import { open, seal } from "@/lib/credentials/cipher";
import type { KeyRing } from "@/lib/credentials/secret-key";
import type { ChannelRow, NotificationsStore } from "@/lib/db/notifications";
import { ValidationError } from "@/lib/errors";
import { channelConfigSchemas, channelSecretSchemas, CHANNEL_KINDS, type ChannelCreate, type ChannelKind, type ChannelUpdate } from "./schema";

const PURPOSE = "notification-secret";

/** A channel as the API and the Notifications page show it: settings, and which secrets are set (never their values). */
export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  /** The settings that are not secret: a webhook's `url`; SMTP `host`, `port`, `security`, `user`, `from`, `to`. */
  config: Record<string, unknown>;
  /** The write-only fields that hold a value, each shown as `set`. */
  secrets: Record<string, "set">;
  createdAt: Date;
  updatedAt: Date;
}

/** A channel ready to send through: its settings and its secrets in the clear (never leaves lib/notifications). */
export type OpenChannel =
  | { kind: "webhook"; name: string; url: string; secret: string }
  | { kind: "slack"; name: string; url: string }
  | { kind: "email"; name: string; host: string; port: number; security: "tls" | "starttls" | "none"; user?: string; password?: string; from: string; to: string[] };

function kindOf(row: ChannelRow): ChannelKind {
  return (CHANNEL_KINDS as readonly string[]).includes(row.kind) ? (row.kind as ChannelKind) : "webhook";
}

/** Splits a create body into its settings and its secrets (pure). */
function split(input: ChannelCreate): { config: Record<string, unknown>; secrets: Record<string, string> } {
  if (input.kind === "webhook") return { config: { url: input.url }, secrets: { secret: input.secret } };
  if (input.kind === "slack") return { config: {}, secrets: { url: input.url } };
  const config = { host: input.host, port: input.port, security: input.security, ...(input.user ? { user: input.user } : {}), from: input.from, to: input.to };
  return { config, secrets: input.password ? { password: input.password } : {} };
}

/** Parses with `schema`, turning failures into a field-by-field ValidationError. */
function parseOrThrow(schema: z.ZodType, value: unknown): Record<string, unknown> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return parsed.data as Record<string, unknown>;
}

/** The fields of an update that belong to the settings of a kind. */
const CONFIG_FIELDS: Record<ChannelKind, readonly (keyof ChannelUpdate)[]> = { webhook: ["url"], slack: [], email: ["host", "port", "security", "user", "from", "to"] };
/** The fields of an update that are secrets of a kind. */
const SECRET_FIELDS: Record<ChannelKind, readonly (keyof ChannelUpdate)[]> = { webhook: ["secret"], slack: ["url"], email: ["password"] };

/** What a channel record store is built from. */
export interface ChannelRecordsDependencies {
  rows: Pick<NotificationsStore, "listChannelRows" | "getChannelRow" | "insertChannelRow" | "updateChannelRow" | "deleteChannelRow">;
  /** The key ring, loaded once (lib/credentials' `keyRingLoader`). */
  keyRing: () => Promise<KeyRing>;
}

/** Notification channels on one database: encrypted writes, secret-free views, decryption for sending. */
export function createChannelRecords({ rows, keyRing }: ChannelRecordsDependencies) {
  async function secretsOf(row: ChannelRow): Promise<Record<string, string>> {
    if (!row.secret) return {};
    return JSON.parse(open(row.secret, await keyRing(), PURPOSE).plaintext) as Record<string, string>;
  }

  function toView(row: ChannelRow, secretNames: readonly string[]): ChannelView {
    return {
      id: row.id,
      name: row.name,
      kind: kindOf(row),
      config: JSON.parse(row.config) as Record<string, unknown>,
      secrets: Object.fromEntries(secretNames.map((n) => [n, "set" as const])),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  /** A view of a row: which secrets are set is read from the sealed value's names, decrypted here and dropped. */
  async function view(row: ChannelRow): Promise<ChannelView> {
    return toView(row, Object.keys(await secretsOf(row).catch(() => ({}))));
  }

  async function sealed(secrets: Record<string, string>): Promise<string | null> {
    return Object.keys(secrets).length === 0 ? null : seal(JSON.stringify(secrets), await keyRing(), PURPOSE);
  }

  /** Every channel, without secrets. */
  async function list(): Promise<ChannelView[]> {
    return Promise.all((await rows.listChannelRows()).map(view));
  }

  /** One channel without its secrets. @throws NotFoundError */
  async function get(id: string): Promise<ChannelView> {
    return view(await rows.getChannelRow(id));
  }

  /** Encrypts and stores a new channel. @throws ConflictError when the name is taken. */
  async function create(input: ChannelCreate): Promise<ChannelView> {
    const { config, secrets } = split(input);
    return view(await rows.insertChannelRow({ name: input.name, kind: input.kind, config: JSON.stringify(config), secret: await sealed(secrets) }));
  }

  /**
   * Changes a channel: the given settings replace the stored ones (checked again as a whole
   * for the channel's kind); a given, non-empty secret replaces the stored one.
   * @throws NotFoundError, ValidationError, ConflictError
   */
  async function update(id: string, change: ChannelUpdate): Promise<ChannelView> {
    const row = await rows.getChannelRow(id);
    const kind = kindOf(row);
    const configChange = Object.fromEntries(CONFIG_FIELDS[kind].filter((f) => change[f] !== undefined).map((f) => [f, change[f]]));
    const config = parseOrThrow(channelConfigSchemas[kind], { ...(JSON.parse(row.config) as object), ...configChange });
    const secretChange = Object.fromEntries(SECRET_FIELDS[kind].filter((f) => typeof change[f] === "string" && change[f] !== "").map((f) => [f, change[f] as string]));
    const data: Parameters<typeof rows.updateChannelRow>[1] = { config: JSON.stringify(config), ...(change.name ? { name: change.name } : {}) };
    if (Object.keys(secretChange).length > 0) {
      const secrets = parseOrThrow(channelSecretSchemas[kind], { ...(await secretsOf(row)), ...secretChange }) as Record<string, string>;
      data.secret = await sealed(secrets);
    }
    return view(await rows.updateChannelRow(id, data));
  }

  /** Deletes a channel. @throws NotFoundError, ConflictError while a subscription sends to it. */
  async function remove(id: string): Promise<void> {
    await rows.deleteChannelRow(id);
  }

  /** A channel with its secrets in the clear, for sending. @throws NotFoundError, SecretKeyError */
  async function openChannel(id: string): Promise<OpenChannel> {
    const row = await rows.getChannelRow(id);
    const config = JSON.parse(row.config) as Record<string, unknown>;
    return { ...config, ...(await secretsOf(row)), kind: kindOf(row), name: row.name } as OpenChannel;
  }

  return { list, get, create, update, delete: remove, open: openChannel };
}

/** The channel records' methods. */
export type ChannelRecords = ReturnType<typeof createChannelRecords>;
