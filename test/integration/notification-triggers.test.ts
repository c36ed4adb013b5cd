/**
 * Every notification trigger driven for real — syncs, a Deployment going Degraded, drift, a
 * rollback, automated sync paused by a rollback and by a failed automated sync — on the real
 * cluster and real Git, through an engine built as the server builds it but without the web
 * server. Each app sends to a signed webhook (a local HTTP receiver) and to e-mail (a local SMTP
 * server); each test repeats the cause at the same revision and shows that both got each
 * (trigger, app, revision) exactly once.
 */
import { AppsV1Api, CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/lib/engine/create-engine";
import { EventBus } from "@/lib/events/bus";
import { createMetrics, type Metrics } from "@/lib/metrics";
import { channelCreateSchema, isValidSignature, subscriptionCreateSchema, type Trigger } from "@/lib/notifications";
import { commitFiles } from "../helpers/git";
import type { HttpReceiver, SmtpSink } from "../helpers/notification-sinks";
import { ADMIN, CONFIG_MAP, REFUSED_DEPLOYMENT, startNotifyingEngine, type NotifyingEngine } from "../helpers/notifying-engine";
import { until } from "../helpers/until";

const SECRET = "trigger-receiver-secret-0123";
/** How long nothing more may arrive before a test says "exactly once". */
const QUIET_MS = 2_000;


/** A Deployment whose Pods cannot be scheduled: once its progress deadline (2 s) passes, it is Degraded. */
const STUCK = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: stuck
spec:
  replicas: 1
  progressDeadlineSeconds: 2
  selector:
    matchLabels: { app: stuck }
  template:
    metadata:
      labels: { app: stuck }
    spec:
      nodeSelector: { lockstep.dev/no-such-node: "true" }
      containers:
        - name: web
          image: ${image}
`;


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("notification triggers", () => {
  let harness: NotifyingEngine;
  let engine: Engine;
  let receiver: HttpReceiver;
  let smtp: SmtpSink;
  let metrics: Metrics;
  /** Each app's health, in the order the engine published it. */
  const healthSeen = new Map<string, string[]>();

  beforeAll(async () => {
    metrics = createMetrics();
    const events = new EventBus();
    events.subscribe(({ event }) => {
      if (event.type === "app-status" && typeof event.detail?.healthStatus === "string") healthSeen.set(event.app, [...(healthSeen.get(event.app) ?? []), event.detail.healthStatus]);
    });
    harness = await startNotifyingEngine({ prefix: "trig", events, metrics });
    ({ engine, receiver, smtp } = harness);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const createApp = (files: Record<string, string>) => harness.createApp(files);

  /** Turns automated sync on; the comparison that follows lets automation act. */
  async function automate(app: string) {
    await engine.apps.update(app, { automated: true }, ADMIN);
  }

  /** Subscribes the app to `triggers` through a signed webhook (at the receiver's path `/<app>`) and through e-mail (to `<app>@example.com`). */
  async function subscribeBoth(app: string, triggers: Trigger[], extra: Record<string, unknown> = {}) {
    const hook = await engine.notifications.channels.create(channelCreateSchema.parse({ name: `hook-${app}`, kind: "webhook", url: `${receiver.url}/${app}`, secret: SECRET }));
    const mail = await engine.notifications.channels.create(
      channelCreateSchema.parse({ name: `mail-${app}`, kind: "email", host: "127.0.0.1", port: smtp.port, security: "none", from: "lockstep@example.com", to: [`${app}@example.com`] }),
    );
    for (const channel of [hook.name, mail.name]) {
      await engine.notifications.subscriptions.create(subscriptionCreateSchema.parse({ name: `to-${channel}`, channel, scope: "app", target: app, triggers, ...extra }));
    }
  }

  async function sync(app: string) {
    const queued = await engine.operations.requestSync(app, {}, ADMIN);
    return engine.operations.waitFor(app, queued.id);
  }

  async function rollback(app: string, operationId: string) {
    const queued = await engine.operations.requestRollback(app, { operationId }, ADMIN);
    return engine.operations.waitFor(app, queued.id);
  }

  /** What the webhook receiver got for the app, as `trigger@revision`, each signature checked. */
  function webhookTold(app: string): string[] {
    return receiver.requests
      .filter((r) => r.path === `/${app}` && r.status === 200)
      .map((r) => {
        expect(isValidSignature(r.body, SECRET, String(r.headers["x-lockstep-signature"])), `the signature of ${r.body}`).toBe(true);
        const body = JSON.parse(r.body) as { trigger: string; app: string; revision: string };
        expect(body.app).toBe(app);
        expect(r.headers["x-lockstep-event"]).toBe(body.trigger);
        return `${body.trigger}@${body.revision.slice(0, 7)}`;
      })
      .sort();
  }

  /** What the SMTP server got for the app, as `trigger@revision` read from each subject. */
  function emailTold(app: string): string[] {
    return smtp.mails
      .filter((m) => m.to.includes(`${app}@example.com`))
      .map((m) => {
        const subject = new RegExp(`^Subject: \\[Lockstep\\] ${app}: ([a-z-]+) at ([0-9a-f]{7})`, "m").exec(m.data);
        expect(subject, m.data).not.toBeNull();
        return `${subject?.[1]}@${subject?.[2]}`;
      })
      .sort();
  }

  /** Waits until both channels got `expected` (trigger, revision) pairs, then a quiet spell, and checks each came exactly once. */
  async function expectTold(app: string, expected: [Trigger, string][]) {
    const want = expected.map(([trigger, revision]) => `${trigger}@${revision.slice(0, 7)}`).sort();
    await until(async () => Math.min(webhookTold(app).length, emailTold(app).length), (n) => n >= want.length, `${want.join(", ")} on both channels`);
    await sleep(QUIET_MS);
    expect(webhookTold(app)).toEqual(want);
    expect(emailTold(app)).toEqual(want);
  }

  it("sends sync-succeeded once per revision to both channels, however often that revision is synced", async () => {
    const { name, first } = await createApp({ "settings.yaml": CONFIG_MAP("one") });
    await subscribeBoth(name, ["sync-succeeded"]);

    expect((await sync(name)).phase).toBe("Succeeded");
    await expectTold(name, [["sync-succeeded", first]]);
    expect((await sync(name)).phase).toBe("Succeeded");
    await expectTold(name, [["sync-succeeded", first]]);
  });

  it("sends sync-failed once to both channels, however often the revision fails", async () => {
    const { name, first } = await createApp({ "deployment.yaml": REFUSED_DEPLOYMENT });
    await subscribeBoth(name, ["sync-failed", "sync-succeeded"]);

    expect((await sync(name)).phase).not.toBe("Succeeded");
    await expectTold(name, [["sync-failed", first]]);
    expect((await sync(name)).phase).not.toBe("Succeeded");
    await expectTold(name, [["sync-failed", first]]);
  });

  it("sends health-degraded once per revision to both channels when a Deployment misses its progress deadline, even after it is restarted and degrades again", async () => {
    const { name, first, ns, repo } = await createApp({ "deployment.yaml": STUCK("nginx:1.27") });
    await subscribeBoth(name, ["health-degraded"]);

    expect((await sync(name)).phase).toBe("Succeeded");
    await until(() => engine.apps.get(name), (app) => app.status.healthStatus === "Degraded", "the app to be Degraded");
    await expectTold(name, [["health-degraded", first]]);
    const seenBefore = healthSeen.get(name)?.length ?? 0;

    /* The same cause again at the same revision: a restart (as kubectl rollout restart does) starts a new rollout that misses its deadline too. */
    const apps = ns.kc.makeApiClient(AppsV1Api);
    const live = await apps.readNamespacedDeployment({ name: "stuck", namespace: ns.name });
    const template = live.spec?.template;
    await apps.replaceNamespacedDeployment({
      name: "stuck",
      namespace: ns.name,
      body: { ...live, spec: { ...live.spec, selector: live.spec?.selector ?? {}, template: { ...template, metadata: { ...template?.metadata, annotations: { ...template?.metadata?.annotations, "kubectl.kubernetes.io/restartedAt": new Date().toISOString() } } } } },
    });
    await until(() => apps.readNamespacedDeployment({ name: "stuck", namespace: ns.name }), (d) => (d.status?.observedGeneration ?? 0) > (live.metadata?.generation ?? 0), "the restart to be observed");
    expect((await sync(name)).phase).toBe("Succeeded");
    await until(() => engine.apps.get(name), (app) => app.status.healthStatus === "Degraded", "the app to be Degraded again");
    const again = healthSeen.get(name)?.slice(seenBefore) ?? [];
    expect(again.indexOf("Progressing"), JSON.stringify(again)).toBeGreaterThanOrEqual(0);
    expect(again.lastIndexOf("Degraded")).toBeGreaterThan(again.indexOf("Progressing"));
    await expectTold(name, [["health-degraded", first]]);

    /* A new revision that is Degraded too is told again. */
    const second = await commitFiles(repo, { files: { "deployment.yaml": STUCK("nginx:1.28") }, message: "Bump nginx" });
    await engine.apps.refresh(name);
    expect((await sync(name)).phase).toBe("Succeeded");
    await until(() => engine.apps.get(name), (app) => app.status.revision === second && app.status.healthStatus === "Degraded", "the second revision to be Degraded");
    await expectTold(name, [
      ["health-degraded", first],
      ["health-degraded", second],
    ]);
  });

  it("sends drift-detected once per revision to both channels after the grace, even when the app drifts again", async () => {
    const { name, first, ns } = await createApp({ "settings.yaml": CONFIG_MAP("desired") });
    await subscribeBoth(name, ["drift-detected"], { driftGraceSeconds: 2 });
    expect((await sync(name)).phase).toBe("Succeeded");

    const core = ns.kc.makeApiClient(CoreV1Api);
    const edit = async (value: string) => {
      const live = await core.readNamespacedConfigMap({ name: "settings", namespace: ns.name });
      await core.replaceNamespacedConfigMap({ name: "settings", namespace: ns.name, body: { ...live, data: { value } } });
      await until(() => engine.apps.get(name), (app) => app.status.syncStatus === "OutOfSync", "the drift to be seen");
    };
    await edit("edited");
    await expectTold(name, [["drift-detected", first]]);

    expect((await sync(name)).phase).toBe("Succeeded");
    await until(() => engine.apps.get(name), (app) => app.status.syncStatus === "Synced", "the app to be Synced again");
    await edit("edited again");
    await sleep(3_000);
    await expectTold(name, [["drift-detected", first]]);
  });

  it("sends rollback once per revision to both channels, and no auto-sync-paused when automated sync was off", async () => {
    const { name, first, repo } = await createApp({ "settings.yaml": CONFIG_MAP("one") });
    await subscribeBoth(name, ["rollback", "auto-sync-paused"]);
    const firstSync = await sync(name);
    expect(firstSync.phase).toBe("Succeeded");
    await commitFiles(repo, { files: { "settings.yaml": CONFIG_MAP("two") }, message: "Second value" });
    await engine.apps.refresh(name);
    expect((await sync(name)).phase).toBe("Succeeded");

    expect((await rollback(name, firstSync.id)).phase).toBe("Succeeded");
    await expectTold(name, [["rollback", first]]);
    expect((await rollback(name, firstSync.id)).phase).toBe("Succeeded");
    await expectTold(name, [["rollback", first]]);
  });

  it("sends rollback and auto-sync-paused once to both channels when a rollback pauses automated sync, even after a resume and a second rollback", async () => {
    const { name, first, repo } = await createApp({ "settings.yaml": CONFIG_MAP("one") });
    await subscribeBoth(name, ["rollback", "auto-sync-paused"]);
    await automate(name);
    const firstSync = await until(
      async () => (await engine.operations.list(name)).find((op) => op.kind === "auto-sync" && op.revision === first && op.phase === "Succeeded"),
      (op) => op !== undefined,
      "the automated sync of the first revision",
    );
    const second = await commitFiles(repo, { files: { "settings.yaml": CONFIG_MAP("two") }, message: "Second value" });
    await engine.apps.refresh(name);
    await until(async () => (await engine.operations.list(name)).some((op) => op.kind === "auto-sync" && op.revision === second && op.phase === "Succeeded"), Boolean, "the automated sync of the second revision");

    expect((await rollback(name, firstSync!.id)).phase).toBe("Succeeded");
    expect(await engine.apps.get(name)).toMatchObject({ automated: false, autoSyncPaused: true });
    await expectTold(name, [
      ["rollback", first],
      ["auto-sync-paused", first],
    ]);

    const resumed = await engine.operations.resumeAutoSync(name, ADMIN);
    expect((await engine.operations.waitFor(name, resumed.operation!.id)).phase).toBe("Succeeded");
    expect(await engine.apps.get(name)).toMatchObject({ automated: true, autoSyncPaused: false });
    expect((await rollback(name, firstSync!.id)).phase).toBe("Succeeded");
    expect(await engine.apps.get(name)).toMatchObject({ automated: false, autoSyncPaused: true });
    await expectTold(name, [
      ["rollback", first],
      ["auto-sync-paused", first],
    ]);
  });

  it("sends sync-failed and auto-sync-paused once to both channels when an automated sync fails, and not again when the revision fails by hand", async () => {
    const { name, first } = await createApp({ "deployment.yaml": REFUSED_DEPLOYMENT });
    await subscribeBoth(name, ["sync-failed", "auto-sync-paused"]);
    await automate(name);
    await until(async () => (await engine.operations.list(name)).some((op) => op.kind === "auto-sync" && op.phase !== "Running" && op.phase !== "Queued"), Boolean, "the automated sync to end");
    await expectTold(name, [
      ["sync-failed", first],
      ["auto-sync-paused", first],
    ]);

    expect((await sync(name)).phase).not.toBe("Succeeded");
    await engine.apps.refresh(name);
    await expectTold(name, [
      ["sync-failed", first],
      ["auto-sync-paused", first],
    ]);
    expect((await engine.operations.list(name)).filter((op) => op.kind === "auto-sync")).toHaveLength(1);
  });

  it("counts every attempt in lockstep_notification_deliveries_total by channel type and result", async () => {
    const body = (await metrics.scrape()).body;
    const count = (type: string, result: string) => Number(new RegExp(`^lockstep_notification_deliveries_total\\{channel_type="${type}",result="${result}"\\} (\\d+)$`, "m").exec(body)?.[1] ?? 0);
    expect(count("webhook", "sent")).toBe(receiver.requests.filter((r) => r.status === 200).length);
    expect(count("email", "sent")).toBe(smtp.mails.length);
    expect(count("webhook", "sent")).toBeGreaterThanOrEqual(9);
  });
});
