import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newSignedInPage } from "../helpers/browser";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: small
spec:
  replicas: 1
  selector:
    matchLabels: { app: small }
  template:
    metadata:
      labels: { app: small }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe("keyboard navigation, Refresh all and the resource graph in Chromium", () => {
  let web: WebServer;
  let git: GitFixture;
  let browser: Browser;
  const id = randomBytes(3).toString("hex");
  const apps = [`e2e-ui-${id}-a`, `e2e-ui-${id}-b`];

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
    browser = await launchChromium();
    const repo = await git.createRepo(`e2e-ui-${id}.git`);
    await commitFiles(repo, { files: { "deployment.yaml": DEPLOYMENT }, message: "Add small" });
    for (const name of apps) {
      const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(`e2e-ui-${id}.git`), targetRevision: "main", destNamespace: name, createNamespace: true });
      expect(created.status, created.text).toBe(201);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await git?.cleanup();
  });

  it("moves a highlight with j, k and the arrows, leaves typed keys to the search box, shows the help and opens the app with Enter", async () => {
    const page = await newSignedInPage(browser, web);
    await page.goto(`${web.url}/?q=e2e-ui-${id}`);
    const list = page.getByTestId("app-list");
    await expect.poll(() => page.locator("[data-app-row]").count()).toBe(2);
    const focused = () => list.getAttribute("data-focused-app");
    await expect.poll(() => page.getByTestId("live-status").getAttribute("data-state"), { timeout: 10_000 }).toBe("live");

    await page.keyboard.press("j");
    await expect.poll(focused).toBe(apps[0]);
    await expect.poll(() => page.locator(`[data-app-row="${apps[0]}"]`).getAttribute("data-focused")).toBe("true");
    await page.keyboard.press("ArrowDown");
    await expect.poll(focused).toBe(apps[1]);
    await page.keyboard.press("k");
    await expect.poll(focused).toBe(apps[0]);
    await page.keyboard.press("ArrowDown");
    await expect.poll(focused).toBe(apps[1]);

    await page.keyboard.press("/");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("app-search");
    await page.keyboard.press("k");
    expect(await page.locator("#app-search").inputValue()).toBe(`e2e-ui-${id}k`);
    expect(await focused()).toBe(apps[1]);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? "")).not.toBe("app-search");

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect.poll(() => help.getByTestId("keyboard-shortcuts").textContent()).toContain("Open the highlighted application");
    await page.keyboard.press("Escape");
    await expect.poll(() => help.count()).toBe(0);

    await page.keyboard.press("Enter");
    await page.waitForURL(`${web.url}/apps/${apps[1]}`);
    await page.close();
  });

  it("refreshes every application with Refresh all and says how it went", async () => {
    const page = await newSignedInPage(browser, web);
    await page.goto(`${web.url}/?project=default`);
    await expect.poll(() => page.getByTestId("live-status").getAttribute("data-state"), { timeout: 10_000 }).toBe("live");
    await page.getByTestId("refresh-all").click();
    await expect.poll(() => page.getByTestId("refresh-all-notice").textContent(), { timeout: 30_000 }).toMatch(/^Refreshed \d+ of \d+ applications/);
    expect(await page.getByTestId("refresh-all").isDisabled()).toBe(false);
    await page.close();
  });

  it("switches the Tree tab to a graph of Deployment → ReplicaSet → Pod and opens a node's detail on click", async () => {
    const op = await api<{ phase: string }>(web.url, "POST", `/api/apps/${apps[0]}/sync?wait=true`, {});
    expect(op.body.phase, op.text).toBe("Succeeded");
    const page = await newSignedInPage(browser, web);
    await page.goto(`${web.url}/apps/${apps[0]}?tab=tree`);
    await page.getByTestId("tree-view-graph").click();
    const graph = page.getByTestId("resource-graph");
    await expect.poll(() => graph.locator('[data-testid="graph-node"][data-kind="Application"]').count()).toBe(1);
    await expect.poll(() => graph.locator('[data-testid="graph-node"][data-kind="Deployment"]').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => graph.locator('[data-testid="graph-node"][data-kind="ReplicaSet"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await graph.getByTestId("graph-edge").count()).toBeGreaterThanOrEqual(2);

    await graph.locator('[data-testid="graph-node-link"]:has([data-kind="Deployment"])').click();
    await page.waitForURL(/view=graph.*node=|node=.*view=graph/);
    await expect.poll(() => page.getByTestId("resource-detail").getByTestId("live-yaml").textContent(), { timeout: 10_000 }).toContain("kind: Deployment");
    expect(await graph.locator('[data-selected="true"]').getAttribute("data-kind")).toBe("Deployment");

    await page.getByTestId("tree-view-list").click();
    await expect.poll(() => page.getByTestId("resource-tree").count()).toBe(1);
    await page.close();
  });
});
