import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ensureDebianPackage } from "../apt/ensure-package";

const ROOT = "/usr/lib/postgresql";

/** True when some major version of PostgreSQL's server binaries is installed. */
function hasPostgres(): boolean {
  if (!existsSync(ROOT)) return false;
  return readdirSync(ROOT).some((version) => existsSync(path.join(ROOT, version, "bin", "initdb")));
}

/** Makes sure Debian's PostgreSQL server is installed for the integration tests (installs it as root). */
ensureDebianPackage({
  name: "postgresql",
  purpose: "the integration tests (they start throwaway PostgreSQL servers)",
  isInstalled: hasPostgres,
  missing: `PostgreSQL's server binaries are missing under ${ROOT}; install them with "sudo apt-get install -y postgresql".`,
});
