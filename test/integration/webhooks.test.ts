/**
 * Git webhooks against the real server: each host's real payload shape, pointed at a real
 * repository on the test Git server, signed the way that host signs it. A valid push
 * refreshes exactly the apps on that repository and branch; a bad signature refreshes
 * nothing; an unknown repository is ignored.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { openDb } from "@/lib/db/client";
import { WEBHOOK_PROVIDERS, type WebhookProvider } from "@/lib/webhooks";

import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { createTestNamespace, type TestNamespace } from "../helpers/namespace";
import { deliveryHeaders, fixtureBody } from "../helpers/webhooks";
import { startWebServer, type WebServer } from "../helpers/web-server";

const SECRET = `webhook-secret-${randomBytes(6).toString("hex")}`;

const CONFIGMAP = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  release: "${value}"\n`;

interface AppBody {
  name: string;
  status: { revision: string | null; reconciledAt: string | null; conditions: { type: string; message: string }[] };
}

async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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
    const first = await commitFiles(repo, { files: { "cm.yaml": CONFIGMAP("1") }, message: "First release" });
    const name = `wh-${label}-${randomBytes(3).toString("hex")}`;
    const created = await api(web.url, "POST", "/api/apps", {
      name,
      repoUrl: git.server.repoUrl(`${repoPath}.git`),
      targetRevision: "main",
      destNamespace: namespace.name,
    });
    expect(created.status, created.text).toBe(201);
    expect((await appOf(name)).status.revision).toBe(first);
    return { name, repo, repoPath };
  }

  function deliver(provider: WebhookProvider, body: string, secret = SECRET) {
    return fetch(`${web.url}/api/webhooks/git`, { method: "POST", headers: deliveryHeaders(provider, body, secret), body });
  }

  describe.each(WEBHOOK_PROVIDERS)("from %s", (provider) => {
    it("refreshes the app on the pushed repository and branch at once, and no other", async () => {
      const target = await appOnNewRepo(provider);
      const bystander = await appOnNewRepo(`${provider}-other`);
      const bystanderBefore = (await appOf(bystander.name)).status.reconciledAt;
      const pushed = await commitFiles(target.repo, { files: { "cm.yaml": CONFIGMAP("2") }, message: "Second release" });

      const response = await deliver(provider, fixtureBody(provider, { host: host(), repoPath: target.repoPath }));
      expect(response.status).toBe(202);
      expect(await response.json()).toMatchObject({ result: "refreshing", apps: [target.name] });

      await until(() => appOf(target.name), (app) => app.status.revision === pushed, `${target.name} to show ${pushed}`);
      expect((await appOf(bystander.name)).status.reconciledAt).toBe(bystanderBefore);
    });

    it("refuses a bad signature with 401 and refreshes nothing", async () => {
      const target = await appOnNewRepo(`${provider}-bad`);
      const before = await appOf(target.name);
      await commitFiles(target.repo, { files: { "cm.yaml": CONFIGMAP("3") }, message: "Unannounced release" });

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

  it("answers before refreshing a thousand affected apps, then refreshes every one of them", async () => {
    const repoPath = `acme/fleet-${randomBytes(3).toString("hex")}`;
    const repo = await git.createRepo(`${repoPath}.git`);
    await commitFiles(repo, { files: { "cm.yaml": CONFIGMAP("1") }, message: "Fleet" });
    const db = await openDb(`file:${path.join(web.dataDir, "lockstep.db")}`);
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
