import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, newSignedInPage } from "../helpers/browser";
import { startWebServer, type WebServer } from "../helpers/web-server";

describe("the Projects page in Chromium", () => {
  let web: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_RECONCILER: "off" } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it("lets an admin create a project, which opens to be edited and is listed with no apps", async () => {
    const name = `team-${randomBytes(3).toString("hex")}`;
    const page = await newSignedInPage(browser, web);
    await page.goto(web.url);
    await page.getByRole("link", { name: "Projects", exact: true }).click();
    await page.waitForURL(`${web.url}/projects`);
    expect(await page.getByTestId("project-row-default").textContent()).toContain("default");

    await page.getByLabel("Project name").fill("Not A Name");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect.poll(() => page.getByTestId("error-name").textContent()).toContain("DNS-1123");

    await page.getByLabel("Project name").fill(name);
    await page.getByLabel("Description").fill("Team A's services");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.waitForURL(`${web.url}/projects/${name}`);
    expect(await page.getByLabel("Spec (YAML or JSON)").inputValue()).toContain("description: Team A's services");

    await page.getByRole("link", { name: "Projects", exact: true }).first().click();
    await page.waitForURL(`${web.url}/projects`);
    const row = page.getByTestId(`project-row-${name}`);
    await expect.poll(() => row.textContent()).toContain("Team A's services");
    expect(await row.getByTestId("project-app-count").textContent()).toBe("0");
    await page.close();
  });
});
