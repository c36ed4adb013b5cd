/**
 * Notifications on the real cluster and real Git, through an engine built as the server builds
 * it (real watch caches, real Git source, SQLite or PostgreSQL) but without the web server: a
 * local HTTP receiver and a local SMTP server on loopback get what the channels send.
 */
import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/lib/engine/create-engine";
import { channelCreateSchema, isValidSignature, subscriptionCreateSchema, type DeliveryView, type Trigger } from "@/lib/notifications";
import { commitFiles } from "../helpers/git";
import type { HttpReceiver, SmtpSink } from "../helpers/notification-sinks";
import { ADMIN, CONFIG_MAP, REFUSED_DEPLOYMENT, startNotifyingEngine, type NotifyingEngine } from "../helpers/notifying-engine";
import { until } from "../helpers/until";

const SECRET = "receiver-shared-secret-0123";


describe("notifications", () => {
  let harness: NotifyingEngine;
  let engine: Engine;
  let receiver: HttpReceiver;
  let smtp: SmtpSink;

  beforeAll(async () => {
    harness = await startNotifyingEngine({ prefix: "notify" });
    ({ engine, receiver, smtp } = harness);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const createApp = (files: Record<string, string>) => harness.createApp(files);

  /** A webhook channel to the receiver (at its own path) and a subscription of the app to `triggers` through it. */
  async function subscribeWebhook(app: string, triggers: Trigger[], extra: Record<string, unknown> = {}) {
    const channel = await engine.notifications.channels.create(channelCreateSchema.parse({ name: `hook-${app}`, kind: "webhook", url: `${receiver.url}/${app}`, secret: SECRET }));
    await engine.notifications.subscriptions.create(subscriptionCreateSchema.parse({ name: `to-hook-${app}`, channel: channel.name, scope: "app", target: app, triggers, ...extra }));
  }

  async function sync(app: string) {
    const queued = await engine.operations.requestSync(app, {}, ADMIN);
    return engine.operations.waitFor(app, queued.id);
  }

  const requestsFor = (app: string) => receiver.requests.filter((r) => r.path === `/${app}`);
  const deliveriesOf = async (app: string): Promise<DeliveryView[]> => engine.notifications.deliveries({ app });

  it("sends a failed sync once as a signed webhook and as an e-mail, however often it fails", async () => {
    const { name } = await createApp({ "deployment.yaml": REFUSED_DEPLOYMENT });
    await subscribeWebhook(name, ["sync-failed"]);
    const mail = await engine.notifications.channels.create(
      channelCreateSchema.parse({ name: `mail-${name}`, kind: "email", host: "127.0.0.1", port: smtp.port, security: "none", from: "lockstep@example.com", to: ["oncall@example.com"] }),
    );
    await engine.notifications.subscriptions.create(subscriptionCreateSchema.parse({ name: `to-mail-${name}`, channel: mail.name, scope: "project", target: "default", triggers: ["sync-failed"] }));

    expect((await sync(name)).phase).not.toBe("Succeeded");
    await until(async () => requestsFor(name).length, (n) => n >= 1, "the webhook");
    await until(async () => smtp.mails.filter((m) => m.data.includes(name)).length, (n) => n >= 1, "the e-mail");
    expect((await sync(name)).phase).not.toBe("Succeeded");
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const [request, ...more] = requestsFor(name);
    expect(more).toEqual([]);
    expect(isValidSignature(request?.body ?? "", SECRET, String(request?.headers["x-lockstep-signature"]))).toBe(true);
    expect(request?.headers["x-lockstep-event"]).toBe("sync-failed");
    const body = JSON.parse(request?.body ?? "{}") as Record<string, string>;
    expect(body).toMatchObject({ trigger: "sync-failed", app: name, project: "default", url: `https://lockstep.example/apps/${name}` });
    expect(body.text).toContain(`https://lockstep.example/apps/${name}`);

    const mails = smtp.mails.filter((m) => m.data.includes(name));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual(["oncall@example.com"]);
    expect(mails[0]?.data).toContain(`Subject: [Lockstep] ${name}: sync-failed`);
  });

  it("sends a successful sync once per revision, even when the app is synced again at that revision", async () => {
    const { name, repo } = await createApp({ "settings.yaml": CONFIG_MAP("one") });
    await subscribeWebhook(name, ["sync-succeeded"]);

    expect((await sync(name)).phase).toBe("Succeeded");
    expect((await sync(name)).phase).toBe("Succeeded");
    await until(async () => requestsFor(name).length, (n) => n >= 1, "the first notification");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(requestsFor(name)).toHaveLength(1);

    const second = await commitFiles(repo, { files: { "settings.yaml": CONFIG_MAP("two") }, message: "Second value" });
    await engine.apps.refresh(name);
    expect((await sync(name)).phase).toBe("Succeeded");
    await until(async () => requestsFor(name).length, (n) => n >= 2, "the second revision's notification");
    expect(requestsFor(name).map((r) => (JSON.parse(r.body) as { revision: string }).revision).at(-1)).toBe(second);
    expect((await deliveriesOf(name)).map((d) => d.status)).toEqual(["sent", "sent"]);
  });

  it("retries a receiver that answers 500 twice, and lists each attempt", async () => {
    const { name } = await createApp({ "settings.yaml": CONFIG_MAP("retry") });
    await subscribeWebhook(name, ["sync-succeeded"]);
    receiver.script.push(500, 500);

    expect((await sync(name)).phase).toBe("Succeeded");
    const [delivery] = await until(() => deliveriesOf(name), (list) => list[0]?.status === "sent", "the delivery to succeed");
    expect(delivery?.attempts.map((a) => [a.number, a.ok, a.code])).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 200],
    ]);
    expect(delivery?.attempts[0]?.error).toBe("The receiver answered 500 Internal Server Error.");
    expect(requestsFor(name).map((r) => r.status)).toEqual([500, 500, 200]);
    const bodies = new Set(requestsFor(name).map((r) => r.body));
    expect(bodies.size).toBe(1);
  });

  it("tells drift only once the app has stayed OutOfSync past the subscription's grace", async () => {
    const { name, ns } = await createApp({ "settings.yaml": CONFIG_MAP("desired") });
    await subscribeWebhook(name, ["drift-detected"], { driftGraceSeconds: 4 });
    expect((await sync(name)).phase).toBe("Succeeded");

    const core = ns.kc.makeApiClient(CoreV1Api);
    const live = await core.readNamespacedConfigMap({ name: "settings", namespace: ns.name });
    await core.replaceNamespacedConfigMap({ name: "settings", namespace: ns.name, body: { ...live, data: { value: "edited" } } });
    await until(() => engine.apps.get(name), (app) => app.status.syncStatus === "OutOfSync", "the drift to be seen");
    const seenAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(requestsFor(name)).toEqual([]);

    await until(async () => requestsFor(name).length, (n) => n >= 1, "the drift notification", 30_000);
    expect(Date.now() - seenAt).toBeGreaterThanOrEqual(2_500);
    expect(JSON.parse(requestsFor(name)[0]?.body ?? "{}")).toMatchObject({ trigger: "drift-detected", app: name });
  });
});
