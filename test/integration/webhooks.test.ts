/**
 * Git webhooks against the real server: each host's real payload shape, pointed at a real
 * repository on the test Git server, signed the way that host signs it. A valid push
 * refreshes exactly the apps on that repository and branch; a bad signature refreshes
 * nothing; an unknown repository is ignored.
 */
import { randomBytes } from "node:crypto";

import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { openDb } from "@/lib/db/client";
import { WEBHOOK_PROVIDERS, type WebhookProvider } from "@/lib/webhooks";

import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { createTestNamespace, type TestNamespace } from "../helpers/namespace";
import { deliveryHeaders, fixtureBody } from "../helpers/webhooks";
import { startWebServer, type WebServer } from "../helpers/web-server";
import { until } from "../helpers/until";

const SECRET = `webhook-secret-${randomBytes(6).toString("hex")}`;

/** Each app's own ConfigMap: apps that declared one object would share it (and warn). */
const CONFIGMAP = (value: string, name = "settings") => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  release: "${value}"\n`;

interface AppBody {
  name: string;
  status: { syncStatus: string; revision: string | null; reconciledAt: string | null; conditions: { type: string; message: string }[] };
}

describe("Git webhooks, from each host's push to a refreshed app", () => {
  let web: WebServer;
  let git: GitFixture;
  let namespace: TestNamespace;

  beforeAll(async () => {
    git = await createGitFixture();
    namespace = await createTestNamespace("webhooks");
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_WEBHOOK_SECRET: SECRET } });
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    await namespace?.cleanup();
  });

  const host = () => new URL(git.server.url).host;
  const appOf = async (name: string) => (await api<AppBody>(web.url, "GET", `/api/apps/${name}`)).body;

  /** A repository with one commit and an app on it following `main`. */
  async function appOnNewRepo(label: string) {
    const repoPath = `acme/${label}-${randomBytes(3).toString("hex")}`;
    const repo = await git.createRepo(`${repoPath}.git`);
    const name = `wh-${label}-${randomBytes(3).toString("hex")}`;
    const configMap = `settings-${name}`;
    const first = await commitFiles(repo, { files: { "cm.yaml": CONFIGMAP("1", configMap) }, message: "First release" });
    const created = await api(web.url, "POST", "/api/apps", {
      name,
      repoUrl: git.server.repoUrl(`${repoPath}.git`),
      targetRevision: "main",
      destNamespace: namespace.name,
    });
    expect(created.status, created.text).toBe(201);
    expect((await appOf(name)).status.revision).toBe(first);
    return { name, repo, repoPath, configMap };
  }

  function deliver(provider: WebhookProvider, body: string, secret = SECRET) {
    return fetch(`${web.url}/api/webhooks/git`, { method: "POST", headers: deliveryHeaders(provider, body, secret), body });
  }

  /** The same delivery sent in chunks, without a Content-Length, as a proxy may forward it. */
  function deliverStreamed(provider: WebhookProvider, body: string) {
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 256 * 1024) controller.enqueue(bytes.slice(at, at + 256 * 1024));
        controller.close();
      },
    });
    return fetch(`${web.url}/api/webhooks/git`, { method: "POST", headers: deliveryHeaders(provider, body, SECRET), body: stream, duplex: "half" } as RequestInit);
  }

  /** GitHub's push fixture for `repoPath` with its commits repeated until the body is at least `bytes` long. */
  function largeGithubPush(repoPath: string, bytes: number): string {
    const payload = JSON.parse(fixtureBody("github", { host: host(), repoPath })) as { commits: { id: string }[] };
    const commit = payload.commits[0]!;
    const count = Math.ceil(bytes / JSON.stringify(commit).length);
    payload.commits = Array.from({ length: count }, (_, i) => ({ ...commit, id: i.toString(16).padStart(40, "0") }));
    return JSON.stringify(payload);
  }

  describe.each(WEBHOOK_PROVIDERS)("from %s", (provider) => {
    it("refreshes the app on the pushed repository and branch at once, and no other", async () => {
      const target = await appOnNewRepo(provider);
      const bystander = await appOnNewRepo(`${provider}-other`);
      const bystanderBefore = (await appOf(bystander.name)).status.reconciledAt;
      const pushed = await commitFiles(target.repo, { files: { "cm.yaml": CONFIGMAP("2", target.configMap) }, message: "Second release" });

      const response = await deliver(provider, fixtureBody(provider, { host: host(), repoPath: target.repoPath }));
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ result: "refreshing", apps: [target.name] });

      await until(() => appOf(target.name), (app) => app.status.revision === pushed, `${target.name} to show ${pushed}`);
      expect((await appOf(bystander.name)).status.reconciledAt).toBe(bystanderBefore);
    });

    it("refuses a bad signature with 401 and refreshes nothing", async () => {
      const target = await appOnNewRepo(`${provider}-bad`);
      const before = await appOf(target.name);
      await commitFiles(target.repo, { files: { "cm.yaml": CONFIGMAP("3", target.configMap) }, message: "Unannounced release" });

      const response = await deliver(provider, fixtureBody(provider, { host: host(), repoPath: target.repoPath }), "not-the-secret");
      expect(response.status).toBe(401);
      expect((await response.json()).error).toMatch(/signature does not match the configured secret/);

      await new Promise((resolve) => setTimeout(resolve, 1500));
      const after = await appOf(target.name);
      expect(after.status.reconciledAt).toBe(before.status.reconciledAt);
      expect(after.status.revision).toBe(before.status.revision);
    });

    it("answers a push to a repository no app uses with 202 and ignores it", async () => {
      const response = await deliver(provider, fixtureBody(provider, { host: host(), repoPath: "acme/nobody-deploys-this" }));
      expect(response.status).toBe(202);
      const body = await response.json();
      expect(body).toMatchObject({ result: "ignored", apps: [] });
      expect(body.message).toMatch(/^No application uses .*acme\/nobody-deploys-this/);
    });
  });

  it("keeps the pushed commit's OutOfSync status when the app's live objects change after the webhook refresh", async () => {
    const target = await appOnNewRepo("cluster-after-push");
    const synced = await api<{ phase: string }>(web.url, "POST", `/api/apps/${target.name}/sync?wait=true`, {});
    expect(synced.body.phase, synced.text).toBe("Succeeded");
    const pushed = await commitFiles(target.repo, { files: { "cm.yaml": CONFIGMAP("2", target.configMap) }, message: "Second release" });

    const response = await deliver("github", fixtureBody("github", { host: host(), repoPath: target.repoPath }));
    expect(response.status).toBe(202);
    const refreshed = await until(
      () => appOf(target.name),
      (app) => app.status.revision === pushed && app.status.syncStatus === "OutOfSync",
      `${target.name} to be OutOfSync at ${pushed}`,
    );

    const core = namespace.kc.makeApiClient(CoreV1Api);
    const live = await core.readNamespacedConfigMap({ name: target.configMap, namespace: namespace.name });
    live.metadata!.annotations = { ...live.metadata!.annotations, "example.com/touched-by": "an operator" };
    await core.replaceNamespacedConfigMap({ name: target.configMap, namespace: namespace.name, body: live });
    const afterClusterChange = await until(
      () => appOf(target.name),
      (app) => app.status.reconciledAt !== refreshed.status.reconciledAt,
      `${target.name} to be compared again after its ConfigMap changed`,
    );
    expect(afterClusterChange.status).toMatchObject({ revision: pushed, syncStatus: "OutOfSync" });
  });

  it("accepts a signed 5 MB GitHub push of many commits, declared or streamed, which any other API route refuses", async () => {
    const target = await appOnNewRepo("github-large");
    const pushed = await commitFiles(target.repo, { files: { "cm.yaml": CONFIGMAP("2", target.configMap) }, message: "Second release" });
    const body = largeGithubPush(target.repoPath, 5 * 1024 * 1024);
    expect(body.length).toBeGreaterThan(5 * 1024 * 1024);

    for (const response of [await deliver("github", body), await deliverStreamed("github", body)]) {
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ result: "refreshing", apps: [target.name] });
    }
    await until(() => appOf(target.name), (app) => app.status.revision === pushed, `${target.name} to show ${pushed}`);

    const elsewhere = await fetch(`${web.url}/api/apps`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${web.adminToken}` }, body });
    expect(elsewhere.status).toBe(413);
    expect((await elsewhere.json()).error).toBe("The request body is larger than 1024 KiB.");
  });

  it("refuses a GitHub push over 25 MiB with 413 and a one-sentence reason, declared or streamed", async () => {
    const body = largeGithubPush("acme/huge-push", 30 * 1024 * 1024);
    for (const response of [await deliver("github", body), await deliverStreamed("github", body)]) {
      expect(response.status).toBe(413);
      expect((await response.json()).error).toBe("The webhook body is larger than 25 MiB, the most a Git host sends for one push.");
    }
  });

  it("answers before refreshing a thousand affected apps, then refreshes every one of them", async () => {
    const repoPath = `acme/fleet-${randomBytes(3).toString("hex")}`;
    const repo = await git.createRepo(`${repoPath}.git`);
    await commitFiles(repo, { files: { "cm.yaml": CONFIGMAP("1") }, message: "Fleet" });
    const db = await openDb(web.databaseUrl);
    try {
      const names = Array.from({ length: 1000 }, (_, i) => `fleet-${String(i).padStart(4, "0")}`);
      await db.$transaction(
        names.map((name) =>
          db.app.create({
            data: { name, repoUrl: git.server.repoUrl(`${repoPath}.git`), targetRevision: "main", path: "not-rendered", destNamespace: namespace.name, status: { create: {} } },
          }),
        ),
      );
      const response = await deliver("github", fixtureBody("github", { host: host(), repoPath }));
      const refreshedAtAnswer = await db.appStatus.count({ where: { reconciledAt: { not: null }, app: { name: { startsWith: "fleet-" } } } });
      expect(response.status).toBe(202);
      expect((await response.json()).apps).toHaveLength(1000);
      expect(refreshedAtAnswer).toBeLessThan(1000);

      await until(
        () => db.appStatus.count({ where: { reconciledAt: { not: null }, app: { name: { startsWith: "fleet-" } } } }),
        (count) => count === 1000,
        "all 1000 apps to be refreshed",
        180_000,
      );
    } finally {
      await db.app.deleteMany({ where: { name: { startsWith: "fleet-" } } });
      await db.$disconnect();
    }
  }, 240_000);
});
