import { execFileSync } from "node:child_process";

/** What {@link ensureDebianPackage} needs to know of one package. */
export interface DebianPackage {
  /** The apt package name, e.g. `chromium`. */
  name: string;
  /** What the tests need it for, e.g. "the browser tests". */
  purpose: string;
  /** True when what the tests need of the package is present. */
  isInstalled(): boolean;
  /** The one sentence to print when it is missing and cannot be installed here. */
  missing: string;
}

/**
 * Makes sure a Debian package the tests need is installed: installs it with apt when missing
 * and running as root, otherwise stops the process with one sentence naming the fix.
 */
export function ensureDebianPackage(pkg: DebianPackage): void {
  if (pkg.isInstalled()) return;
  if (process.getuid?.() !== 0) {
    console.error(pkg.missing);
    process.exit(1);
  }
  console.log(`Installing Debian's ${pkg.name} package for ${pkg.purpose}...`);
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", pkg.name], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  } catch {
    console.error(`Installing ${pkg.name} failed; run "apt-get install -y ${pkg.name}" by hand and look at its message.`);
    process.exit(1);
  }
  if (!pkg.isInstalled()) {
    console.error(`The ${pkg.name} package installed but is still not found: ${pkg.missing}`);
    process.exit(1);
  }
}
