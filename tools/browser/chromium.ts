import { existsSync } from "node:fs";

/** Where Debian's Chromium lives; override with `LOCKSTEP_CHROMIUM`. */
export function chromiumPath(): string {
  return process.env.LOCKSTEP_CHROMIUM ?? "/usr/bin/chromium";
}

/** True when the Chromium binary exists. */
export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/** Flags for headless Chromium on a machine with no network beyond loopback. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
