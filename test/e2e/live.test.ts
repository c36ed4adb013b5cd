import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { locateBinaries } from "@/tools/localcluster";
import { signInApi } from "../helpers/auth";
import { launchChromium } from "../helpers/browser";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const run = promisify(execFile);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: live
spec:
  replicas: 2
  selector:
    matchLabels: { app: live }
  template:
    metadata:
      labels: { app: live }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe("live updates in Chromium", () => {
  let web: WebServer;
  let git: GitFixture;
  let browser: Browser;
  let kube: KubeObjectClient;
  let kubectl: string;
  const namespaces: string[] = [];

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
    browser = await launchChromium();
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    kube = KubeObjectClient.forConfig(kc);
    const bins = await locateBinaries();
    if (!bins) throw new Error("The cluster binaries are not built; run npm run cluster:up first.");
    kubectl = bins.kubectl;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await git?.cleanup();
    await Promise.all(namespaces.map((name) => kube.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name } }).catch(() => undefined)));
  });

  /** A page in a fresh browser context carrying an admin session (signed in over the API; the form has its own tests). */
  async function signedInPage(): Promise<Page> {
    const [name, value] = (await signInApi(web.url, "admin", web.adminPassword)).split("=") as [string, string];
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: web.url }]);
    return context.newPage();
  }

  /** A synced app running the two-replica Deployment above. */
  async function syncedApp(): Promise<string> {
    const name = `e2e-live-${randomBytes(3).toString("hex")}`;
    namespaces.push(name);
    const repo = await git.createRepo(`${name}.git`);
    await commitFiles(repo, { files: { "deployment.yaml": DEPLOYMENT }, message: "Add live" });
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(`${name}.git`), targetRevision: "main", destNamespace: name, createNamespace: true });
    expect(created.status, created.text).toBe(201);
    const op = await api<{ phase: string }>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(op.body.phase, op.text).toBe("Succeeded");
    return name;
  }

  it("turns an open app page OutOfSync when kubectl scales its Deployment, without a reload", async () => {
    const name = await syncedApp();
    const page = await signedInPage();
    await page.goto(`${web.url}/apps/${name}`);
    await expect.poll(() => page.getByTestId("live-status").getAttribute("data-state"), { timeout: 10_000 }).toBe("live");
    await expect.poll(() => page.getByTestId("sync-status").first().textContent(), { timeout: 10_000 }).toBe("Synced");
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await run(kubectl, ["-n", name, "scale", "deployment/live", "--replicas=4"], { env: { ...process.env, KUBECONFIG: inject("kubeconfig") } });

    await expect.poll(() => page.getByTestId("sync-status").first().textContent(), { timeout: 5_000 }).toBe("OutOfSync");
    await expect.poll(() => page.getByTestId("resource-Deployment-live").getByTestId("field-manager").first().textContent(), { timeout: 5_000 }).toBe("kubectl (scale)");
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.context().close();
  });

  it("shows Deployment → ReplicaSet → Pods in the tree, and a Pod's live manifest and events on click", async () => {
    const name = await syncedApp();
    const page = await signedInPage();
    await page.goto(`${web.url}/apps/${name}?tab=tree`);
    const deployment = page.locator('[data-testid="tree-node"][data-kind="Deployment"]');
    const replicaSet = deployment.locator('[data-testid="tree-node"][data-kind="ReplicaSet"]');
    const pods = replicaSet.locator('[data-testid="tree-node"][data-kind="Pod"]');
    await expect.poll(() => deployment.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => replicaSet.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => pods.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => deployment.locator("[data-health]").first().getAttribute("data-health"), { timeout: 15_000 }).toBe("Healthy");

    await pods.first().getByTestId("tree-node-link").click();
    const detail = page.getByTestId("resource-detail");
    await expect.poll(() => detail.getByTestId("live-yaml").textContent(), { timeout: 10_000 }).toContain("kind: Pod");
    await expect.poll(() => detail.getByTestId("kube-event").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await detail.textContent()).toContain("Scheduled");
    await page.context().close();
  });
});
