import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The `tools/localcluster` directory inside the repository. */
export const toolsDir: string = import.meta.dirname;

/**
 * The cache root shared by all Lockstep tooling, outside the repository:
 * `$LOCKSTEP_CACHE_DIR`, else `$XDG_CACHE_HOME/lockstep`, else `~/.cache/lockstep`.
 */
export function cacheRoot(): string {
  const explicit = process.env.LOCKSTEP_CACHE_DIR;
  if (explicit) return resolve(explicit);
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg ? resolve(xdg) : join(homedir(), ".cache"), "lockstep");
}

/** Where built binaries live: one sub-directory per cache key. */
export function binRoot(): string {
  return join(cacheRoot(), "bin");
}

/**
 * Where a running cluster keeps its data, certificates, logs and PID files:
 * `$LOCKSTEP_CLUSTER_DIR`, else `<cache root>/cluster`.
 */
export function clusterDir(): string {
  const explicit = process.env.LOCKSTEP_CLUSTER_DIR;
  return explicit ? resolve(explicit) : join(cacheRoot(), "cluster");
}

/**
 * The state directory of a named extra cluster (`cluster:up -- --name <name>`), for tests and
 * the demo that deploy to a second cluster: `<cache root>/cluster-<name>`.
 */
export function namedClusterDir(name: string): string {
  return join(cacheRoot(), `cluster-${name}`);
}

/** The kwok Stage configuration committed next to the kwok Go module. */
export function kwokStagesPath(): string {
  return join(toolsDir, "kwok", "stages.yaml");
}
