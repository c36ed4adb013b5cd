/**
 * Promotion through the web server: the API a CI job or a person uses, and the pages. A
 * deployer previews and requests a promotion into a stage needing an admin's approval; it
 * waits (the deployer's approval is refused with 403), the service's page shows the diff and
 * the Approve button to the admin, whose approval over the API commits it and the next stage
 * runs the image (its stage asks for a sync after the commit; the apps are not automated).
 */
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { createTokenApi, signInApi } from "../helpers/auth";
import { commitFiles, createGitFixture, runGit, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { createTestNamespace, type TestNamespace } from "../helpers/namespace";
import { until } from "../helpers/until";
import { startWebServer, type WebServer } from "../helpers/web-server";

const IMAGE = "registry.example.com/demo/web";
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: web
`;
const OVERLAY = (tag: string) => `resources:\n  - ../../base\nimages:\n  - name: web\n    newName: ${IMAGE}\n    newTag: "${tag}"\n`;

interface AppBody {
  status: { syncStatus: string; healthStatus: string };
}
interface PromotionBody {
  id: string;
  state: string;
  commit: string | null;
  approvedBy: string | null;
}

describe("promotion through the web server", () => {
  let web: WebServer;
  let git: GitFixture;
  let repo: string;
  let deployer: string;
  let cookie: string;
  const namespaces: TestNamespace[] = [];
  const kc = new KubeConfig();
  kc.loadFromFile(inject("kubeconfig"));
  const kube = KubeObjectClient.forConfig(kc);

  beforeAll(async () => {
    git = await createGitFixture({ allowPush: true });
    repo = await git.createRepo("config.git");
    await commitFiles(repo, {
      files: {
        "services/web/base/deployment.yaml": DEPLOYMENT,
        "services/web/base/kustomization.yaml": "resources:\n  - deployment.yaml\n",
        "services/web/overlays/dev/kustomization.yaml": OVERLAY("2.0.0"),
        "services/web/overlays/staging/kustomization.yaml": OVERLAY("1.0.0"),
      },
      message: "web with dev and staging overlays",
    });
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
    deployer = await createTokenApi(web.url, { token: web.adminToken! }, { name: "release-bot", role: "deployer" });
    cookie = await signInApi(web.url, "admin", web.adminPassword);
    for (const stage of ["dev", "staging"]) {
      const ns = await createTestNamespace(`promo-web-${stage}`);
      namespaces.push(ns);
      const created = await api(web.url, "POST", "/api/apps", { name: `web-${stage}`, repoUrl: git.server.repoUrl("config.git"), targetRevision: "main", path: `services/web/overlays/${stage}`, destNamespace: ns.name });
      expect(created.status, created.text).toBe(201);
      const synced = await api(web.url, "POST", `/api/apps/web-${stage}/sync?wait=true`, {});
      expect(synced.status, synced.text).toBe(200);
    }
    for (const stage of ["dev", "staging"]) {
      await until(async () => (await api<AppBody>(web.url, "GET", `/api/apps/web-${stage}`)).body, (app) => app.status.syncStatus === "Synced" && app.status.healthStatus === "Healthy", `web-${stage} Synced and Healthy`, 150_000).catch(async (error: unknown) => {
        console.log((await api(web.url, "GET", `/api/apps/web-${stage}/history`)).text, web.logs().slice(-4000));
        throw error;
      });
    }
    const pipeline = await api(web.url, "POST", "/api/pipelines", { service: "web", stages: [{ name: "dev", app: "web-dev" }, { name: "staging", app: "web-staging", approval: { role: "admin", scope: "global" }, syncAfterPromotion: true }] });
    expect(pipeline.status, pipeline.text).toBe(201);
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    await Promise.all(namespaces.map((ns) => ns.cleanup()));
  });

  it("waits for an admin's approval, shows it on the service's page, then commits and the next stage runs the image", async () => {
    const preview = await api<{ diff: string }>(web.url, "GET", "/api/pipelines/web/promotions/preview?from=dev", undefined, { token: deployer });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.diff).toContain('-    newTag: "1.0.0"\n+    newTag: "2.0.0"');

    const before = await runGit(["rev-parse", "refs/heads/main"], { cwd: repo });
    const requested = await api<PromotionBody>(web.url, "POST", "/api/pipelines/web/promote", { from: "dev" }, { token: deployer });
    expect(requested.status, requested.text).toBe(201);
    expect(requested.body).toMatchObject({ state: "pending", commit: null });
    const refused = await api(web.url, "POST", `/api/promotions/${requested.body.id}/approve`, undefined, { token: deployer });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: "Approving needs the global admin role; token:release-bot is deployer." });
    expect(await runGit(["rev-parse", "refs/heads/main"], { cwd: repo })).toBe(before);

    const page = await fetch(`${web.url}/pipelines/web`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Waiting for approval");
    expect(html).toContain(`data-testid="approve-${requested.body.id}"`);
    expect(html).toContain("token:release-bot");
    const list = await fetch(`${web.url}/pipelines`, { headers: { cookie } });
    expect(await list.text()).toContain('data-testid="pipeline-row-web"');

    const approved = await api<PromotionBody>(web.url, "POST", `/api/promotions/${requested.body.id}/approve`);
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ state: "committed", approvedBy: "token:test-admin" });
    expect(await runGit(["rev-parse", "refs/heads/main"], { cwd: repo })).toBe(approved.body.commit);
    const stagingNamespace = namespaces[1]!.name;
    await until(
      async () => ((await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: stagingNamespace } })) as { spec: { template: { spec: { containers: { image: string }[] } } } } | undefined)?.spec.template.spec.containers[0]?.image,
      (image) => image === `${IMAGE}:2.0.0`,
      "staging to run the approved image",
    );
    const history = await api<PromotionBody[]>(web.url, "GET", "/api/pipelines/web/promotions", undefined, { token: deployer });
    expect(history.body.map((p) => p.state)).toEqual(["committed"]);
  });
});
