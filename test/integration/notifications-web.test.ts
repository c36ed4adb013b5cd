/**
 * Notifications through the production server: channels and subscriptions managed through the
 * API (secrets never answered), a failed sync's signed webhook reaching a local receiver, and
 * the Notifications page listing the delivery without showing a secret.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { isValidSignature } from "@/lib/notifications/signature";
import { createAppOnRepo } from "../helpers/app-fixture";
import { createGitFixture, type GitFixture } from "../helpers/git";
import { readStoredText } from "../helpers/test-database";
import { api } from "../helpers/lockstep-api";
import { startHttpReceiver, type HttpReceiver } from "../helpers/notification-sinks";
import { REFUSED_DEPLOYMENT } from "../helpers/notifying-engine";
import { until } from "../helpers/until";
import { startWebServer, type WebServer } from "../helpers/web-server";

const SECRET = "planted-web-secret-0123456789";

interface ChannelBody {
  id: string;
  name: string;
  secrets: Record<string, string>;
}
interface DeliveryBody {
  app: string;
  trigger: string;
  status: string;
  attempts: { ok: boolean; code: number | null }[];
}

describe("notifications through the web server", () => {
  let web: WebServer;
  let git: GitFixture;
  let receiver: HttpReceiver;

  beforeAll(async () => {
    git = await createGitFixture();
    receiver = await startHttpReceiver();
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_RECONCILER: "off", LOCKSTEP_PUBLIC_URL: "https://lockstep.example/" } });
  });

  afterAll(async () => {
    await web?.stop();
    await receiver?.close();
    await git?.cleanup();
  });

  it("manages channels and subscriptions with write-only secrets and clear refusals", async () => {
    const created = await api<ChannelBody>(web.url, "POST", "/api/notifications/channels", { name: "refusals", kind: "webhook", url: `${receiver.url}/x`, secret: SECRET });
    expect(created.status, created.text).toBe(201);
    expect(created.body.secrets).toEqual({ secret: "set" });
    const listed = await api<ChannelBody[]>(web.url, "GET", "/api/notifications/channels");
    expect(listed.text).not.toContain("planted");

    const badTemplate = await api(web.url, "POST", "/api/notifications/subscriptions", { name: "bad", channel: "refusals", scope: "global", triggers: ["sync-failed"], template: "{{who}}" });
    expect(badTemplate.status).toBe(422);
    expect(badTemplate.text).toContain("unknown placeholders ({{who}})");
    const noTarget = await api(web.url, "POST", "/api/notifications/subscriptions", { name: "bad", channel: "refusals", scope: "app", triggers: ["sync-failed"] });
    expect(noTarget.status).toBe(422);
    expect(noTarget.text).toContain("Target is required: the app's name.");
    const badTrigger = await api(web.url, "POST", "/api/notifications/subscriptions", { name: "bad", channel: "refusals", scope: "global", triggers: ["deployed"] });
    expect(badTrigger.status).toBe(422);

    const kept = await api<ChannelBody>(web.url, "PATCH", `/api/notifications/channels/${created.body.id}`, { secret: "" });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body.secrets).toEqual({ secret: "set" });
    expect((await api(web.url, "DELETE", `/api/notifications/channels/${created.body.id}`)).status).toBe(204);
  });

  it("sends a failed sync's signed webhook, lists the delivery, and shows it on the page", async () => {
    const app = await createAppOnRepo(web, git, { "deployment.yaml": REFUSED_DEPLOYMENT });
    const channel = await api<ChannelBody>(web.url, "POST", "/api/notifications/channels", { name: "ops-hook", kind: "webhook", url: `${receiver.url}/${app.name}`, secret: SECRET });
    expect(channel.status, channel.text).toBe(201);
    const subscription = await api(web.url, "POST", "/api/notifications/subscriptions", { name: "ops-failures", channel: "ops-hook", scope: "app", target: app.name, triggers: ["sync-failed"] });
    expect(subscription.status, subscription.text).toBe(201);

    const sync = await api<{ phase: string }>(web.url, "POST", `/api/apps/${app.name}/sync?wait=true`, {});
    expect(sync.body.phase).not.toBe("Succeeded");
    const requests = await until(async () => receiver.requests.filter((r) => r.path === `/${app.name}`), (list) => list.length >= 1, "the webhook");
    expect(isValidSignature(requests[0]?.body ?? "", SECRET, String(requests[0]?.headers["x-lockstep-signature"]))).toBe(true);
    expect(JSON.parse(requests[0]?.body ?? "{}")).toMatchObject({ trigger: "sync-failed", app: app.name, url: `https://lockstep.example/apps/${app.name}` });

    const deliveries = await until(
      async () => (await api<DeliveryBody[]>(web.url, "GET", `/api/notifications/deliveries?app=${app.name}`)).body,
      (list) => list[0]?.status === "sent",
      "the delivery to be recorded sent",
    );
    expect(deliveries.map((d) => [d.trigger, d.status, d.attempts.map((a) => a.code)])).toEqual([["sync-failed", "sent", [200]]]);
    expect((await api(web.url, "GET", "/api/notifications/deliveries?status=bogus")).status).toBe(422);

    const page = await fetch(`${web.url}/notifications`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("ops-hook");
    expect(html).toContain("ops-failures");
    expect(html).toContain(app.name);
    expect(html).not.toContain("planted");
  });

  it("stores no channel secret in the clear and never logs one", async () => {
    const slack = await api<ChannelBody>(web.url, "POST", "/api/notifications/channels", { name: "chat", kind: "slack", url: `${receiver.url}/services/T0/B0/planted-slack-token` });
    expect(slack.status, slack.text).toBe(201);
    expect(slack.body.secrets).toEqual({ url: "set" });
    const mail = await api<ChannelBody>(web.url, "POST", "/api/notifications/channels", {
      name: "mail",
      kind: "email",
      host: "127.0.0.1",
      port: 2525,
      security: "none",
      user: "lockstep",
      password: "planted-smtp-password",
      from: "lockstep@example.com",
      to: ["ops@example.com"],
    });
    expect(mail.status, mail.text).toBe(201);
    expect(mail.text).not.toContain("planted");

    const stored = await readStoredText(web);
    expect(stored.length).toBeGreaterThan(0);
    for (const { where, text } of stored) expect(text, where).not.toContain("planted");
    expect(web.logs()).not.toContain("planted");
  });
});
