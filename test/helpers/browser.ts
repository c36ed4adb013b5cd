import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath, hasChromium } from "@/tools/browser/chromium";

/** Launches Debian's headless Chromium through playwright-core (Playwright's own browsers cannot be downloaded here). */
export async function launchChromium(): Promise<Browser> {
  if (!hasChromium()) {
    throw new Error(`Chromium is missing at ${chromiumPath()}; run "npm run test:e2e" as root to install it, or "apt-get install -y chromium".`);
  }
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
