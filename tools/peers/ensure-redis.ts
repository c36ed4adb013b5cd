import { existsSync } from "node:fs";
import { ensureDebianPackage } from "../apt/ensure-package";
import { REDIS_SERVER } from "./argocd";

/** Makes sure Debian's redis-server is installed for Argo CD in the benchmark's smoke test (installs it as root). */
ensureDebianPackage({
  name: "redis-server",
  purpose: "Argo CD, a peer the benchmark measures (tools/peers)",
  isInstalled: () => existsSync(REDIS_SERVER),
  missing: `${REDIS_SERVER} is missing; install it with "sudo apt-get install -y redis-server".`,
});
