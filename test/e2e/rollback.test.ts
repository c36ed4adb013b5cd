import { randomBytes } from "node:crypto";
import { KubeConfig } from "@kubernetes/client-node";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { launchChromium, newSignedInPage } from "../helpers/browser";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const DEPLOYMENT = (tag: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 1
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: web
          image: registry.example.com/demo/shop:${tag}
`;

interface Operation {
  id: string;
  phase: string;
  revision: string;
}

describe("rolling back from the History tab in Chromium", () => {
  let web: WebServer;
  let git: GitFixture;
  let browser: Browser;
  let kube: KubeObjectClient;
  const namespaces: string[] = [];

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
    browser = await launchChromium();
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    kube = KubeObjectClient.forConfig(kc);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await git?.cleanup();
    await Promise.all(namespaces.map((name) => kube.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name } }).catch(() => undefined)));
  });

  async function liveImage(namespace: string): Promise<string | undefined> {
    const live = await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "shop", namespace } });
    return (live?.spec as { template: { spec: { containers: { image: string }[] } } } | undefined)?.template.spec.containers[0]?.image;
  }

  it("opens History, reviews the rollback diff of an older entry, confirms, and shows the banner with the old image live", async () => {
    const id = randomBytes(3).toString("hex");
    const name = `e2e-rb-${id}`;
    namespaces.push(name);
    const repo = await git.createRepo(`${name}.git`);
    await commitFiles(repo, { files: { "deployment.yaml": DEPLOYMENT("1.0.0") }, message: "Shop 1.0.0" });
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(`${name}.git`), targetRevision: "main", destNamespace: name, createNamespace: true });
    expect(created.status, created.text).toBe(201);
    const first = await api<Operation>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(first.body.phase).toBe("Succeeded");
    await commitFiles(repo, { files: { "deployment.yaml": DEPLOYMENT("2.0.0") }, message: "Shop 2.0.0" });
    const second = await api<Operation>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(second.body.phase).toBe("Succeeded");
    expect((await api(web.url, "PATCH", `/api/apps/${name}`, { automated: true })).status).toBe(200);
    expect(await liveImage(name)).toBe("registry.example.com/demo/shop:2.0.0");

    const page = await newSignedInPage(browser, web);
    await page.goto(`${web.url}/apps/${name}`);
    await page.getByRole("link", { name: "history" }).click();
    await expect.poll(() => page.getByTestId("history-entry").count()).toBe(2);
    const older = page.locator(`[data-operation-id="${first.body.id}"]`);
    expect(await older.getByTestId("history-revision").textContent()).toContain(first.body.revision.slice(0, 7));
    await older.getByRole("button", { name: "Roll back to this" }).click();

    const dialog = page.getByRole("dialog", { name: "Roll back" });
    const resource = dialog.getByTestId("rollback-resource");
    await expect.poll(() => resource.count(), { timeout: 30_000 }).toBe(1);
    const diff = (await resource.textContent()) ?? "";
    expect(diff).toContain(`Deployment.apps/${name}/shop`);
    expect(diff).toContain("will be updated");
    expect(diff).toMatch(/\+ *(- )?image: registry\.example\.com\/demo\/shop:1\.0\.0/);
    expect(diff).toMatch(/- *(- )?image: registry\.example\.com\/demo\/shop:2\.0\.0/);
    expect(await liveImage(name)).toBe("registry.example.com/demo/shop:2.0.0");

    await dialog.getByRole("button", { name: "Roll back", exact: true }).click();
    const banner = page.getByTestId("rollback-banner");
    await expect.poll(() => banner.isVisible(), { timeout: 30_000 }).toBe(true);
    const bannerText = (await banner.textContent()) ?? "";
    expect(bannerText).toContain(`Rolled back to ${first.body.revision.slice(0, 7)}`);
    expect(bannerText).toContain(`Git is at ${second.body.revision.slice(0, 7)}`);
    expect(bannerText).toContain("Automated sync is paused");
    expect(await banner.getByRole("button", { name: "Resume automated sync" }).isVisible()).toBe(true);
    expect(await liveImage(name)).toBe("registry.example.com/demo/shop:1.0.0");

    await page.goto(`${web.url}/?q=${name}`);
    expect(await page.getByTestId(`app-row-${name}`).getByTestId("rollback-badge").textContent()).toContain(first.body.revision.slice(0, 7));
    await page.close();
  });
});
