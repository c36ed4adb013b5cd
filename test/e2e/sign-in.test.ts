import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, signIn } from "../helpers/browser";
import { startWebServer, type WebServer } from "../helpers/web-server";

describe("signing in, roles and the audit log in Chromium", () => {
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

  it("sends a visitor to the sign-in form, refuses a wrong password, and returns to the page asked for", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${web.url}/audit`);
    await page.waitForURL(/\/login\?next=%2Faudit$/);
    await page.getByLabel("User name").fill("admin");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("sign-in-error").textContent()).toBe("Wrong user name or password.");
    await page.getByLabel("Password").fill(web.adminPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${web.url}/audit`);
    await expect.poll(() => page.getByTestId("user-name").textContent()).toContain("admin");
    await page.close();
  });

  it("lets an admin create a viewer, who must choose a password and then may read but not create apps", async () => {
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, web);
    await admin.goto(`${web.url}/settings/users`);
    await admin.getByLabel("New user name").fill("valerie");
    await admin.getByLabel("New user role").selectOption("viewer");
    await admin.getByRole("button", { name: "Create user" }).click();
    const firstPassword = (await admin.getByTestId("one-time-secret").textContent({ timeout: 30_000 }))!.trim();
    expect(firstPassword).toHaveLength(24);
    await expect.poll(() => admin.getByTestId("user-valerie").count()).toBe(1);

    const viewer = await (await browser.newContext()).newPage();
    await viewer.goto(`${web.url}/login`);
    await viewer.getByLabel("User name").fill("valerie");
    await viewer.getByLabel("Password").fill(firstPassword);
    await viewer.getByRole("button", { name: "Sign in" }).click();
    await viewer.waitForURL(`${web.url}/account/password`);
    await viewer.goto(`${web.url}/`);
    await viewer.waitForURL(`${web.url}/account/password`);
    await viewer.getByLabel("Current password").fill(firstPassword);
    await viewer.getByLabel("New password", { exact: true }).fill("valerie's own password");
    await viewer.getByLabel("Confirm new password").fill("valerie's own password");
    await viewer.getByRole("button", { name: "Change password" }).click();
    await viewer.waitForURL(`${web.url}/`);
    await expect.poll(() => viewer.getByRole("heading", { name: "Applications" }).count()).toBe(1);
    expect(await viewer.getByRole("link", { name: "New application" }).count()).toBe(0);
    const refused = await viewer.goto(`${web.url}/apps/new`);
    expect(refused?.status()).toBe(403);

    await viewer.goto(`${web.url}/`);
    await viewer.getByRole("button", { name: "Sign out" }).click();
    await viewer.waitForURL(/\/login/);
    await admin.close();
    await viewer.close();
  });

  it("shows the audit log with filters and export links", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, web);
    await page.goto(`${web.url}/audit?action=user.create`);
    await expect.poll(() => page.getByTestId("audit-entry").count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("audit-entry").first().textContent()).toContain("user.create");
    await page.getByLabel("Actor").fill("nobody-at-all");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => page.getByText("No audit entry matches.").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toMatch(/^\/api\/audit\?.*format=csv/);
    await page.close();
  });
});
