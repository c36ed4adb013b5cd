import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newSignedInPage } from "../helpers/browser";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { startWebServer, type WebServer } from "../helpers/web-server";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 1
  selector:
    matchLabels: { app: hello }
  template:
    metadata:
      labels: { app: hello }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe("the dashboard in Chromium", () => {
  let web: WebServer;
  let git: GitFixture;
  let browser: Browser;

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await git?.cleanup();
  });

  it("shows the local cluster as connected on the Applications page", async () => {
    const page = await newSignedInPage(browser, web);
    await page.goto(web.url);
    await expect.poll(() => page.getByTestId("cluster-connection").textContent()).toContain("Connected");
    expect(await page.getByText(/node.? ready/).textContent()).toMatch(/1\/1 node ready/);
    await page.close();
  });

  it("creates an application in the form, shows it OutOfSync, syncs it and shows it Synced without reloading", async () => {
    const id = randomBytes(3).toString("hex");
    const repo = await git.createRepo(`e2e-${id}.git`);
    await commitFiles(repo, { files: { "app/deployment.yaml": DEPLOYMENT }, message: "Add hello" });

    const page = await newSignedInPage(browser, web);
    await page.goto(`${web.url}/apps/new`);
    await page.getByLabel("Name", { exact: true }).fill("Bad Name");
    await page.getByLabel("Repository URL", { exact: true }).fill(git.server.repoUrl(`e2e-${id}.git`));
    await page.getByLabel("Namespace", { exact: true }).fill(`e2e-${id}`);
    await page.getByRole("button", { name: "Create" }).click();
    await expect.poll(() => page.getByTestId("error-name").textContent()).toContain("DNS-1123");

    await page.getByLabel("Name", { exact: true }).fill(`e2e-${id}`);
    await page.getByLabel("Path", { exact: true }).fill("app");
    await page.getByLabel("Create the namespace").check();
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(`${web.url}/apps/e2e-${id}`);
    await expect.poll(() => page.getByTestId("sync-status").first().textContent()).toBe("OutOfSync");

    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.getByRole("button", { name: "Sync", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Sync" });
    await dialog.getByRole("button", { name: "Synchronize" }).click();
    await expect.poll(() => page.getByTestId("sync-status").first().textContent(), { timeout: 30_000 }).toBe("Synced");
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    await page.getByRole("link", { name: "history" }).click();
    await expect.poll(() => page.getByTestId("history-entry").count()).toBe(1);
    expect(await page.getByTestId("history-entry").textContent()).toContain("Succeeded");
    await page.close();
  });
});
