import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appSpecSchema } from "@/lib/apps/spec";
import type { Principal } from "@/lib/auth/principal";
import { toSecretKey, type KeyRing } from "@/lib/credentials/secret-key";
import { EventBus } from "@/lib/events/bus";
import { configMap } from "@/lib/engine/testing/objects";
import { startTestEngine, type TestEngine } from "@/lib/engine/testing/test-engine";
import { createChannelRecords } from "./channels";
import { Notifier } from "./notifier";
import { channelCreateSchema, subscriptionCreateSchema } from "./schema";

const admin: Principal = { kind: "user", name: "admin", role: "admin", grants: ["*"], mustChangePassword: false };
const ring: KeyRing = { current: toSecretKey(randomBytes(32)), previous: [] };

/** A fetch that records each body and answers 200. */
function recordingFetch() {
  const bodies: Record<string, unknown>[] = [];
  const fake = (async (_url: string | URL | Request, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return new Response(null, { status: 200 });
  }) as typeof fetch;
  return { bodies, fake };
}

describe("the notifier of a test engine", () => {
  let harness: TestEngine;
  let sent: ReturnType<typeof recordingFetch>;

  beforeEach(async () => {
    sent = recordingFetch();
    harness = await startTestEngine({ notifications: { keyRing: async () => ring, settings: { publicUrl: "https://lockstep.example" }, fetch: sent.fake } });
  });

  afterEach(() => harness.stop());

  async function appWithSubscription(triggers: string[], spec: Record<string, unknown> = {}, template?: string) {
    const { engine, source } = harness;
    source.desired.set("web", [configMap("a")]);
    await engine.apps.create(appSpecSchema.parse({ name: "web", repoUrl: "https://git.example/config.git", path: "web", destNamespace: "demo", ...spec }), admin);
    await engine.notifications.channels.create(channelCreateSchema.parse({ name: "hook", kind: "webhook", url: "https://hooks.example/in", secret: "0123456789abcdef" }));
    await engine.notifications.subscriptions.create(subscriptionCreateSchema.parse({ name: "web-hook", channel: "hook", scope: "app", target: "web", triggers, ...(template ? { template } : {}) }));
  }

  async function syncWeb() {
    const queued = await harness.engine.operations.requestSync("web", {}, admin);
    return harness.engine.operations.waitFor("web", queued.id);
  }

  async function until(accept: () => Promise<boolean>) {
    for (let i = 0; i < 200 && !(await accept()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  async function settle() {
    await harness.engine.drain();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  it("fills the subscription's own template, with the link to the app page", async () => {
    await appWithSubscription(["sync-succeeded"], {}, "{{app}} in {{project}}: {{trigger}} → {{url}}");
    await syncWeb();
    await settle();
    expect(sent.bodies.map((b) => b.text)).toEqual(["web in default: sync-succeeded → https://lockstep.example/apps/web"]);
  });

  it("tells a rollback, and that it paused automated sync", async () => {
    await appWithSubscription(["rollback", "auto-sync-paused"]);
    const synced = await syncWeb();
    await harness.engine.apps.update("web", { automated: true }, admin);
    await settle();
    const rollback = await harness.engine.operations.requestRollback("web", { operationId: synced.id }, admin);
    await harness.engine.operations.waitFor("web", rollback.id);
    await settle();
    expect(sent.bodies.map((b) => b.trigger).sort()).toEqual(["auto-sync-paused", "rollback"]);
  });

  it("sends nothing for an app another replica owns", async () => {
    await appWithSubscription(["sync-succeeded"]);
    const synced = await syncWeb();
    const { db } = harness;
    await until(async () => {
      const list = await db.notifications.listDeliveries();
      return list.length > 0 && list.every((d) => d.status === "sent");
    });
    await db.prisma.notificationDelivery.deleteMany({});
    const events = new EventBus();
    const notifier = (owns: boolean) =>
      new Notifier({ db, events, clock: { now: () => Date.now() }, log: { error: () => {} }, owns: () => owns, channels: createChannelRecords({ rows: db.notifications, keyRing: async () => ring }), settings: { publicUrl: "https://x" }, fetch: sent.fake });
    const other = notifier(false);
    other.start();
    events.publish({ type: "operation", app: "web", detail: { id: synced.id, phase: "Succeeded" } });
    await other.idle();
    expect(await db.notifications.listDeliveries()).toEqual([]);
    await other.stop();

    const owner = notifier(true);
    owner.start();
    events.publish({ type: "operation", app: "web", detail: { id: synced.id, phase: "Succeeded" } });
    events.publish({ type: "operation", app: "web", detail: { id: synced.id, phase: "Succeeded" } });
    await owner.idle();
    expect((await db.notifications.listDeliveries()).map((d) => d.status)).toEqual(["sent"]);
    await owner.stop();
  });

  it("tells a Degraded app once per revision", async () => {
    await appWithSubscription(["health-degraded"]);
    const app = await harness.db.apps.getApp("web");
    await harness.db.apps.saveStatus(app.id, { ...app.status, syncStatus: "Synced", healthStatus: "Degraded", revision: "c".repeat(40), resources: [] });
    harness.events.publish({ type: "app-status", app: "web", detail: { syncStatus: "Synced", healthStatus: "Degraded" } });
    harness.events.publish({ type: "app-status", app: "web", detail: { syncStatus: "Synced", healthStatus: "Degraded" } });
    await settle();
    expect(sent.bodies.map((b) => [b.trigger, b.revision])).toEqual([["health-degraded", "c".repeat(40)]]);
  });

  it("reads no app for a status no subscription covers, and tells one a subscription covers", async () => {
    const { engine, source, db } = harness;
    source.desired.set("web", [configMap("a")]);
    await engine.apps.create(appSpecSchema.parse({ name: "web", repoUrl: "https://git.example/config.git", path: "web", destNamespace: "demo" }), admin);
    await settle();
    const app = await db.apps.getApp("web");
    await db.apps.saveStatus(app.id, { ...app.status, syncStatus: "OutOfSync", healthStatus: "Degraded", revision: "d".repeat(40), resources: [] });
    const reads = vi.spyOn(db.apps, "getApp");
    harness.events.publish({ type: "app-status", app: "web", detail: { syncStatus: "OutOfSync", healthStatus: "Degraded", project: "default" } });
    await settle();
    expect(reads).not.toHaveBeenCalled();
    expect(sent.bodies).toEqual([]);

    await engine.notifications.channels.create(channelCreateSchema.parse({ name: "hook", kind: "webhook", url: "https://hooks.example/in", secret: "0123456789abcdef" }));
    await engine.notifications.subscriptions.create(subscriptionCreateSchema.parse({ name: "team", channel: "hook", scope: "project", target: "default", triggers: ["health-degraded"] }));
    harness.events.publish({ type: "app-status", app: "web", detail: { syncStatus: "OutOfSync", healthStatus: "Degraded", project: "default" } });
    await settle();
    expect(reads).toHaveBeenCalledWith("web");
    expect(sent.bodies.map((b) => [b.trigger, b.revision])).toEqual([["health-degraded", "d".repeat(40)]]);
  });
});
