import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath, hasChromium } from "@/tools/browser/chromium";

/** Launches Debian's headless Chromium through playwright-core (Playwright's own browsers cannot be downloaded here). */
export async function launchChromium(): Promise<Browser> {
  if (!hasChromium()) {
    throw new Error(`Chromium is missing at ${chromiumPath()}; run "npm run test:e2e" as root to install it, or "apt-get install -y chromium".`);
  }
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/** Where to sign in, and as whom (default: the server's admin). */
export interface SignInTarget {
  url: string;
  adminPassword: string;
}

/**
 * Signs a page in through the sign-in form (as `admin` unless told otherwise) and waits until
 * the app shows; the page's browser context keeps the session cookie for later pages.
 */
export async function signIn(page: Page, server: SignInTarget, user: { name: string; password: string } = { name: "admin", password: server.adminPassword }): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("User name").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A new page (in its own browser context) already signed in; see {@link signIn}. */
export async function newSignedInPage(browser: Browser, server: SignInTarget): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server);
  return page;
}
