import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { KubeConfig } from "@kubernetes/client-node";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { launchChromium, newSignedInPage } from "../helpers/browser";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api, type OperationBody } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const CONFIGMAP = (release: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: release
data:
  release: "${release}"
`;

const MINUTE = 60_000;

/**
 * A little real history, oldest first: app B (project `team-…`) deploys a commit made 20
 * minutes ago; app A (project `default`) deploys a commit made 30 minutes ago, then one made
 * 10 minutes ago, and is rolled back to the first. So, for the last 30 days: 3 deployments,
 * 1 rollback, 1 of 3 changes failed (33%), lead times of about 30, 20 and 10 minutes (median
 * 20 min); for the project of B alone: 1 deployment, no rollback, 0%.
 */
describe("the Insights page in Chromium", () => {
  let web: WebServer;
  let git: GitFixture;
  let browser: Browser;
  /** Signed in once; each test opens its own page in it. */
  let signedIn: BrowserContext;
  const id = randomBytes(3).toString("hex");
  const project = `team-${id}`;
  const appA = `e2e-in-${id}-a`;
  const appB = `e2e-in-${id}-b`;

  async function createApp(name: string, spec: Record<string, unknown>): Promise<string> {
    const repo = await git.createRepo(`${name}.git`);
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(`${name}.git`), targetRevision: "main", destNamespace: name, createNamespace: true, ...spec });
    expect(created.status, created.text).toBe(201);
    return repo;
  }

  async function sync(name: string): Promise<OperationBody> {
    const operation = (await api<OperationBody>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {})).body;
    expect(operation.phase, operation.message ?? "").toBe("Succeeded");
    return operation;
  }

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
    browser = await launchChromium();
    const start = Date.now();
    const projectCreated = await api(web.url, "POST", "/api/projects", { name: project, sourceRepos: ["*"], appNamespace: true });
    expect(projectCreated.status, projectCreated.text).toBe(201);

    const repoB = await createApp(appB, { project });
    await commitFiles(repoB, { files: { "release.yaml": CONFIGMAP("b1") }, message: "Release b1", date: new Date(start - 20 * MINUTE) });
    await sync(appB);

    const repoA = await createApp(appA, {});
    await commitFiles(repoA, { files: { "release.yaml": CONFIGMAP("a1") }, message: "Release a1", date: new Date(start - 30 * MINUTE) });
    const first = await sync(appA);
    await commitFiles(repoA, { files: { "release.yaml": CONFIGMAP("a2") }, message: "Release a2", date: new Date(start - 10 * MINUTE) });
    await sync(appA);
    const rollback = await api<OperationBody>(web.url, "POST", `/api/apps/${appA}/rollback?wait=true`, { operationId: first.id });
    expect(rollback.body.phase, rollback.text).toBe("Succeeded");
    const signInPage = await newSignedInPage(browser, web);
    signedIn = signInPage.context();
    await signInPage.close();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await git?.cleanup();
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    const kube = KubeObjectClient.forConfig(kc);
    await Promise.all([appA, appB].map((name) => kube.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name } }).catch(() => undefined)));
  });

  /** A new signed-in page that records the console errors and uncaught exceptions it sees (a hydration error is one). */
  async function openInsights(path = "/insights"): Promise<{ page: Page; errors: string[] }> {
    const page = await signedIn.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${web.url}${path}`);
    return { page, errors };
  }

  function figure(page: Page, name: "frequency" | "lead-time" | "change-failure" | "restore"): Promise<string | null> {
    return page.getByTestId(`figure-${name}-value`).textContent();
  }

  /** The bar chart's values and the number of points of the lead-time chart. */
  async function charts(page: Page): Promise<{ bars: number[]; points: number }> {
    const bars = await page.getByTestId("bar-chart").locator("rect").evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("data-value"))));
    return { bars, points: await page.getByTestId("time-chart").locator("circle").count() };
  }

  it("shows the figures of the history, a bar a day and a point per deployment, and each app's row, without a console error", async () => {
    const { page, errors } = await openInsights();
    await page.getByRole("heading", { name: "Insights" }).waitFor({ state: "visible", timeout: 15_000 });
    expect(await figure(page, "frequency")).toBe("0.1 / day");
    expect(await page.getByTestId("figure-frequency").textContent()).toContain("3 deployments and 1 rollbacks in 30 days");
    expect(await figure(page, "change-failure")).toBe("33%");
    expect(await page.getByTestId("figure-change-failure").textContent()).toContain("1 of 3 deployments failed within 1 h");
    expect(await figure(page, "lead-time")).toMatch(/^2[01] min$/);
    expect(await page.getByTestId("figure-lead-time").textContent()).toContain("3 of 3 deployments measured");

    const { bars, points } = await charts(page);
    expect(bars).toHaveLength(31);
    expect(bars.reduce((sum, value) => sum + value, 0)).toBe(3);
    expect(points).toBe(3);
    expect(await page.getByRole("img", { name: /Deployments per day/ }).count()).toBe(1);
    expect(await page.getByRole("img", { name: /Lead time for changes/ }).count()).toBe(1);

    const rows = page.getByTestId("insights-apps-row");
    expect(await rows.count()).toBe(2);
    expect(await rows.filter({ hasText: appA }).locator("td").nth(1).textContent()).toBe("2");
    expect(await rows.filter({ hasText: appA }).locator("td").nth(2).textContent()).toBe("1");
    expect(await rows.filter({ hasText: appB }).locator("td").nth(1).textContent()).toBe("1");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("updates the figures and charts when the project filter and the range change", async () => {
    const { page, errors } = await openInsights();
    const form = page.getByRole("form", { name: "Insights filters" });
    await form.getByLabel("Project", { exact: true }).selectOption(project);
    await form.getByLabel("Time range").selectOption("7");
    await form.getByRole("button", { name: "Show" }).click();
    await page.waitForURL((url) => url.searchParams.get("project") === project);
    expect(await figure(page, "frequency")).toBe("0.14 / day");
    expect(await page.getByTestId("figure-frequency").textContent()).toContain("1 deployments and 0 rollbacks in 7 days");
    expect(await figure(page, "change-failure")).toBe("0%");
    expect(await figure(page, "lead-time")).toMatch(/^2[01] min$/);
    const filtered = await charts(page);
    expect(filtered.bars).toHaveLength(8);
    expect(filtered.bars.reduce((sum, value) => sum + value, 0)).toBe(1);
    expect(filtered.points).toBe(1);
    expect(await page.getByTestId("insights-apps-row").count()).toBe(1);

    await form.getByLabel("Time range").selectOption("custom");
    await form.getByLabel(/^From/).fill("2025-01-01");
    await form.getByLabel(/^To/).fill("2025-01-02");
    await form.getByRole("button", { name: "Show" }).click();
    await page.waitForURL((url) => url.searchParams.get("range") === "custom");
    expect(await figure(page, "frequency")).toBe("0 / day");
    expect(await figure(page, "change-failure")).toBe("—");
    expect(await figure(page, "lead-time")).toBe("—");
    expect(await charts(page)).toEqual({ bars: [0, 0], points: 0 });
    expect(await page.getByText("Delivery from Jan 1 to Jan 2 (UTC)").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads the CSV of the view shown, with its header and the filtered figures", async () => {
    const { page, errors } = await openInsights(`/insights?range=30&project=${project}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    const rows = (await readFile(await download.path(), "utf8")).trim().split("\r\n").map((line) => line.split(","));
    expect(rows[0]).toEqual(["scope", "project", "app", "figure", "value", "unit", "from", "to"]);
    const value = (scope: string, name: string, figureName: string) => rows.find((r) => r[0] === scope && (scope === "app" ? r[2] : r[1]) === name && r[3] === figureName)?.[4];
    expect(value("all", project, "deployments")).toBe("1");
    expect(value("app", appB, "deployments")).toBe("1");
    expect(rows.some((r) => r[2] === appA)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
