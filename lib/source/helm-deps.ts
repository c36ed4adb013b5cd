/**
 * `helm dependency build` for a chart whose `charts/` lacks dependencies that `Chart.yaml`
 * declares. The checkout is shared by every render of its commit and never written, so the
 * chart (and each `file://` dependency, at the same place relative to the repository root, so
 * relative paths and `Chart.lock` still hold) is copied into the render's temporary directory
 * and built there. Only HTTP(S) chart repositories are fetched from — the network access of this
 * step is limited to the repositories `Chart.yaml` declares, which are checked first; OCI
 * registries, aliases and paths outside the repository are refused. Credentials stored for a
 * repository (matched by URL prefix, as git matches them) go into a private `repositories.yaml`
 * of this render only, never into arguments or messages.
 */
import { cp, writeFile } from "node:fs/promises";
import path from "node:path";

import { stringify } from "yaml";

import { dependencySource, missingDependencies, type ChartDependency } from "./helm-chart";
import type { HelmHome } from "./helm-env";
import { runProcess } from "./process";
import { redactCredentials } from "./redact";
import { RenderError } from "./render-error";
import { secretsOfAuth, type CredentialLookup, type RepoAuth } from "./repo-auth";

/** Options of {@link buildChartDependencies}. */
export interface BuildDependenciesOptions {
  /** The repository root (a real path). */
  root: string;
  /** The chart's directory (a real path inside `root`). */
  chartDir: string;
  /** The chart's path for messages. */
  shown: string;
  /** What `Chart.yaml` declares. */
  dependencies: readonly ChartDependency[];
  /** The helm binary. */
  helmBin: string;
  /** The render's private Helm directories. */
  home: HelmHome;
  /** Helm's environment (see `helmEnvironment`). */
  env: NodeJS.ProcessEnv;
  /** Stored credentials of chart repositories. */
  credentials?: CredentialLookup;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One `repositories.yaml` entry: a chart repository Helm may log in to. */
interface RepositoryEntry {
  name: string;
  url: string;
  username: string;
  password: string;
}

/**
 * The chart directory to template: `chartDir` itself when nothing is missing, else a copy in the
 * render's temporary directory whose missing dependencies `helm dependency build` fetched.
 * @throws RenderError naming the dependency that cannot be fetched, or Helm's redacted message.
 */
export async function buildChartDependencies(options: BuildDependenciesOptions): Promise<string> {
  const missing = await missingDependencies(options.chartDir, options.dependencies);
  if (missing.length === 0) return options.chartDir;
  const sources = missing.map((dependency) => ({ dependency, source: dependencySource(dependency, options.chartDir, options.root) }));
  for (const { dependency, source } of sources) {
    if (source.kind === "refused") throw new RenderError(`chart ${options.shown}: ${source.reason}`);
    if (source.kind === "vendored") throw new RenderError(`chart ${options.shown}: dependency ${dependency.name} has no repository and is not in charts/`);
  }
  const tree = path.join(options.home.home, "tree");
  const copyOf = (dir: string) => path.join(tree, path.relative(options.root, dir));
  await cp(options.chartDir, copyOf(options.chartDir), { recursive: true, dereference: true });
  for (const { source } of sources) if (source.kind === "file") await cp(source.dir, copyOf(source.dir), { recursive: true, dereference: true }).catch(() => undefined);
  const urls = [...new Set(sources.flatMap(({ source }) => (source.kind === "http" ? [source.url] : [])))];
  const auths = await Promise.all(urls.map(async (url) => ({ url, auth: await options.credentials?.(url) })));
  await writeRepositories(options.home.repositoryConfig, auths);
  const secrets = auths.flatMap(({ auth }) => secretsOfAuth(auth));
  const chartCopy = copyOf(options.chartDir);
  const result = await runProcess(options.helmBin, ["dependency", "build", chartCopy], { cwd: chartCopy, env: options.env, timeoutMs: options.timeoutMs, signal: options.signal }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new RenderError(`cannot run helm (${options.helmBin}): ${error.code ?? error.message}`);
    },
  );
  const names = missing.map((dependency) => dependency.name).join(", ");
  if (result.timedOut) throw new RenderError(`helm dependency build for chart ${options.shown} (${names}) timed out after ${Math.round(options.timeoutMs / 1000)} s`);
  if (result.aborted) throw new RenderError(`helm dependency build for chart ${options.shown} was cancelled`);
  if (result.exitCode !== 0) {
    const message = redactCredentials(dependencyFailure(result.stdout, result.stderr, [tree, options.home.home]), { secrets });
    throw new RenderError(`chart ${options.shown}: cannot fetch dependency ${names}: ${message || `exit code ${result.exitCode}`}`);
  }
  return chartCopy;
}

/**
 * Why `helm dependency build` failed, in Helm's words: a chart repository it could not read
 * (which Helm prints on standard output before a vaguer error about its cache) when there is
 * one, else its error — without the render's temporary paths.
 */
export function dependencyFailure(stdout: string, stderr: string, dirs: readonly string[]): string {
  const unreadable = [...stdout.matchAll(/Unable to get an update from the "([^"]+)" chart repository[^\n]*\n\s*(.+)/g)].map(([, url, reason]) => `chart repository ${url} cannot be read (${reason?.trim()})`);
  if (unreadable.length > 0) return unreadable.join("; ");
  let text = stderr;
  for (const dir of dirs) text = text.split(`${dir}${path.sep}`).join("").split(dir).join(".");
  return text.trim().replace(/^Error:\s*/, "");
}

/** Writes a `repositories.yaml` (mode 0600) naming each chart repository that has stored basic credentials. */
async function writeRepositories(file: string, auths: readonly { url: string; auth: RepoAuth | undefined }[]): Promise<void> {
  const repositories: RepositoryEntry[] = auths.flatMap(({ url, auth }, index) =>
    auth?.basic ? [{ name: `lockstep-${index + 1}`, url, username: auth.basic.username, password: auth.basic.password }] : [],
  );
  await writeFile(file, stringify({ apiVersion: "", generated: new Date(0).toISOString(), repositories }), { mode: 0o600 });
}
