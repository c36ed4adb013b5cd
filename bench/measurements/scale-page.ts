/**
 * How long the Applications page takes to become usable in headless Chromium with the scale
 * fixture: from navigation start until the first app row is visible, in a fresh browser
 * context each time (empty cache).
 */
import type { Browser, BrowserContext } from "playwright-core";
import { signInApi } from "@/test/helpers/auth";
import { launchChromium } from "@/test/helpers/browser";
import type { BenchContext, Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { ARGO_UI_FIRST_LOAD } from "../lib/published";
import { median } from "../lib/stats";
import { syncedScaleFixture } from "./scale-fixture";

const spec = (o: BenchOptions): FigureSpec => ({
  id: "scale.page-usable",
  group: "scale-page",
  title: `Applications page usable in headless Chromium with ${o.apps} apps`,
  unit: "ms",
  method: `page.goto("/") in a fresh browser context (empty cache; signed in by a session cookie made beforehand) until the first app row is visible; median of ${o.pageLoads} loads`,
  peer: ARGO_UI_FIRST_LOAD,
});

/** A fresh browser context (empty cache) that already holds an admin session, when the server has sign-in. */
async function freshContext(browser: Browser, web: BenchContext["web"]): Promise<BrowserContext> {
  const browserContext = await browser.newContext();
  if (web.adminToken) {
    const cookie = await signInApi(web.url, "admin", web.adminPassword);
    const name = cookie.slice(0, cookie.indexOf("="));
    const value = cookie.slice(cookie.indexOf("=") + 1);
    await browserContext.addCookies([{ name, value, url: web.url }]);
  }
  return browserContext;
}

/** Page-usable time at scale. */
export const scalePageMeasurement: Measurement = {
  id: "scale-page",
  title: "Scale: Applications page in Chromium",
  requires: [],
  figures: (options) => [spec(options)],
  async run(context, record) {
    await syncedScaleFixture(context);
    const browser = await launchChromium();
    try {
      context.environment.chromiumVersion = browser.version();
      const samples: number[] = [];
      const loaded: number[] = [];
      for (let i = 0; i < context.options.pageLoads; i++) {
        const browserContext = await freshContext(browser, context.web);
        const page = await browserContext.newPage();
        const start = performance.now();
        await page.goto(`${context.web.url}/`, { waitUntil: "commit" });
        await page.locator('[data-testid^="app-row-"]').first().waitFor({ state: "visible", timeout: 60_000 });
        samples.push(performance.now() - start);
        await page.waitForLoadState("load");
        loaded.push(await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd));
        await browserContext.close();
      }
      record(measured(spec(context.options), samples, { notes: [`load event at ${Math.round(median(loaded))} ms (median, browser navigation timing)`] }));
    } finally {
      await browser.close();
    }
  },
};
