/**
 * How long the Applications page takes to become usable in headless Chromium with the scale
 * fixture: from navigation start until the first app row is visible, in a fresh browser
 * context each time (empty cache).
 */
import { launchChromium } from "@/test/helpers/browser";
import type { Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { ARGO_UI_FIRST_LOAD } from "../lib/published";
import { median } from "../lib/stats";
import { scaleFixture } from "./scale-fixture";

const spec = (o: BenchOptions): FigureSpec => ({
  id: "scale.page-usable",
  group: "scale-page",
  title: `Applications page usable in headless Chromium with ${o.apps} apps`,
  unit: "ms",
  method: `page.goto("/") in a fresh browser context until the first app row is visible; median of ${o.pageLoads} loads`,
  peer: ARGO_UI_FIRST_LOAD,
});

/** Page-usable time at scale. */
export const scalePageMeasurement: Measurement = {
  id: "scale-page",
  title: "Scale: Applications page in Chromium",
  requires: [],
  figures: (options) => [spec(options)],
  async run(context, record) {
    await scaleFixture(context);
    const browser = await launchChromium();
    try {
      context.environment.chromiumVersion = browser.version();
      const samples: number[] = [];
      const loaded: number[] = [];
      for (let i = 0; i < context.options.pageLoads; i++) {
        const browserContext = await browser.newContext();
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
