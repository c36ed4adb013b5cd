import { execFileSync } from "node:child_process";
import { chromiumPath, hasChromium } from "./chromium";

/**
 * Makes sure Debian's Chromium is installed for the browser tests: installs the `chromium`
 * package when missing and running as root, otherwise stops with one sentence naming the fix.
 */
function main(): void {
  if (hasChromium()) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    console.error(`Chromium is missing at ${chromiumPath()}; install it with "sudo apt-get install -y chromium" (or set LOCKSTEP_CHROMIUM).`);
    process.exit(1);
  }
  console.log("Installing Debian's chromium package for the browser tests...");
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  } catch {
    console.error('Installing chromium failed; run "apt-get install -y chromium" by hand and look at its message.');
    process.exit(1);
  }
  if (!hasChromium()) {
    console.error(`The chromium package installed but ${chromiumPath()} is still missing; set LOCKSTEP_CHROMIUM to the browser's path.`);
    process.exit(1);
  }
}

main();
