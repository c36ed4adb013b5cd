import { ensureDebianPackage } from "../apt/ensure-package";
import { chromiumPath, hasChromium } from "./chromium";

/** Makes sure Debian's Chromium is installed for the browser tests (installs it as root). */
ensureDebianPackage({
  name: "chromium",
  purpose: "the browser tests",
  isInstalled: hasChromium,
  missing: `Chromium is missing at ${chromiumPath()}; install it with "sudo apt-get install -y chromium" (or set LOCKSTEP_CHROMIUM).`,
});
