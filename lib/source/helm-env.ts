/**
 * The environment Helm runs with: none of the server's own variables (tokens, passwords,
 * kubeconfig), and every Helm directory — cache, configuration, data, repositories, registry
 * logins, plugins — inside the render's own temporary directory, so nothing one app's render
 * downloads or configures is seen by another's, and no plugin is ever installed or run
 * (the plugins directory is empty).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** The variables of the server's environment Helm may see. */
const KEPT = ["PATH", "LANG", "LC_ALL", "TMPDIR"];

/** The private directories of one Helm run, below `home`. */
export interface HelmHome {
  /** The temporary directory everything lives in. */
  home: string;
  /** Helm's repository configuration (`repositories.yaml`), written only when credentials are needed. */
  repositoryConfig: string;
}

/** The environment of a Helm run whose directories live in `home`. */
export function helmEnvironment(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(KEPT.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])) as NodeJS.ProcessEnv;
  return {
    ...env,
    HOME: home,
    HELM_CACHE_HOME: path.join(home, "cache"),
    HELM_CONFIG_HOME: path.join(home, "config"),
    HELM_DATA_HOME: path.join(home, "data"),
    HELM_PLUGINS: path.join(home, "plugins"),
    HELM_REPOSITORY_CONFIG: path.join(home, "config", "repositories.yaml"),
    HELM_REPOSITORY_CACHE: path.join(home, "cache", "repository"),
    HELM_REGISTRY_CONFIG: path.join(home, "config", "registry.json"),
    KUBECONFIG: path.join(home, "kubeconfig"),
  };
}

/** Creates the directories of {@link helmEnvironment} in `home` (the plugins one stays empty). */
export async function prepareHelmHome(home: string): Promise<HelmHome> {
  for (const dir of ["cache", "config", "data", "plugins"]) await mkdir(path.join(home, dir), { recursive: true, mode: 0o700 });
  await writeFile(path.join(home, "kubeconfig"), "", { mode: 0o600 });
  return { home, repositoryConfig: path.join(home, "config", "repositories.yaml") };
}
