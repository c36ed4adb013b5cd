import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toSecretKey, type KeyRing } from "@/lib/credentials/secret-key";
import type { ChannelData, ChannelRow } from "@/lib/db/notifications";
import { NotFoundError } from "@/lib/errors";
import { createChannelRecords } from "./channels";
import { channelCreateSchema } from "./schema";

const ring: KeyRing = { current: toSecretKey(randomBytes(32)), previous: [] };

/** Channel rows kept in memory, as the database store keeps them. */
function memoryRows() {
  const rows = new Map<string, ChannelRow>();
  let next = 0;
  const get = async (id: string) => {
    const row = rows.get(id);
    if (!row) throw new NotFoundError(`Notification channel "${id}" does not exist.`);
    return row;
  };
  return {
    rows,
    listChannelRows: async () => [...rows.values()],
    getChannelRow: get,
    insertChannelRow: async (data: ChannelData) => {
      const row = { ...data, id: `c${++next}`, createdAt: new Date(0), updatedAt: new Date(0) };
      rows.set(row.id, row);
      return row;
    },
    updateChannelRow: async (id: string, data: Partial<ChannelData>) => {
      const row = { ...(await get(id)), ...data };
      rows.set(id, row);
      return row;
    },
    deleteChannelRow: async (id: string) => void rows.delete(id),
  };
}

const setup = () => {
  const rows = memoryRows();
  return { rows, records: createChannelRecords({ rows, keyRing: async () => ring }) };
};
const SLACK = "https://hooks.slack.example/services/T000/B000/planted-slack-token";

describe("channel records", () => {
  it("store a webhook's secret sealed and answer it only as set", async () => {
    const { rows, records } = setup();
    const view = await records.create(channelCreateSchema.parse({ name: "ops", kind: "webhook", url: "https://hooks.example/x", secret: "planted-webhook-secret" }));
    expect(view).toMatchObject({ name: "ops", kind: "webhook", config: { url: "https://hooks.example/x" }, secrets: { secret: "set" } });
    expect(JSON.stringify(view)).not.toContain("planted");
    expect(JSON.stringify([...rows.rows.values()])).not.toContain("planted");
    expect(await records.open(view.id)).toEqual({ kind: "webhook", name: "ops", url: "https://hooks.example/x", secret: "planted-webhook-secret" });
  });

  it("treat a Slack URL as a secret", async () => {
    const { rows, records } = setup();
    const view = await records.create(channelCreateSchema.parse({ name: "chat", kind: "slack", url: SLACK }));
    expect(view.config).toEqual({});
    expect(view.secrets).toEqual({ url: "set" });
    expect(JSON.stringify([...rows.rows.values()])).not.toContain("planted");
  });

  it("keep the stored secret when an update leaves it out or empty", async () => {
    const { records } = setup();
    const view = await records.create(channelCreateSchema.parse({ name: "mail", kind: "email", host: "smtp.example", port: 587, user: "bot", password: "planted-password", from: "lockstep@example.com", to: ["ops@example.com"] }));
    const changed = await records.update(view.id, { port: 2525, password: "" });
    expect(changed.config).toMatchObject({ host: "smtp.example", port: 2525, security: "starttls", user: "bot" });
    expect(changed.secrets).toEqual({ password: "set" });
    expect(await records.open(view.id)).toMatchObject({ password: "planted-password", port: 2525 });
  });

  it("replace a secret an update gives", async () => {
    const { records } = setup();
    const view = await records.create(channelCreateSchema.parse({ name: "ops", kind: "webhook", url: "https://hooks.example/x", secret: "first-secret-0000" }));
    await records.update(view.id, { secret: "second-secret-000" });
    expect(await records.open(view.id)).toMatchObject({ secret: "second-secret-000" });
  });

  it("check an update as a whole for the channel's kind, field by field", async () => {
    const { records } = setup();
    const view = await records.create(channelCreateSchema.parse({ name: "mail", kind: "email", host: "smtp.example", port: 25, security: "none", from: "a@example.com", to: ["b@example.com"] }));
    await expect(records.update(view.id, { to: [] })).rejects.toThrow("to: To must name at least one address.");
  });

  it("refuse a too short webhook secret without quoting it", () => {
    const parsed = channelCreateSchema.safeParse({ name: "ops", kind: "webhook", url: "https://hooks.example/x", secret: "planted" });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).not.toContain("planted");
  });
});
