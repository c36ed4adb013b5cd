/**
 * Reading a chart before Helm runs: its `Chart.yaml` dependencies, which of them `charts/`
 * already holds, where each one comes from, and whether the chart has any templates at all
 * (a chart without templates whose dependencies render nothing is an error, never "Synced").
 */
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";

import { parseDocument } from "yaml";

import { CHART_FILE } from "./detect-source";
import { formatBytes, LIMIT_VARIABLES, type RenderLimits } from "./limits";
import { isInside } from "./paths";
import { redactCredentials } from "./redact";
import { RenderError } from "./render-error";

/** One entry of `Chart.yaml`'s `dependencies`. */
export interface ChartDependency {
  name: string;
  /** A version or range; empty when not given. */
  version: string;
  /** The chart repository URL, `file://` path, or empty for a chart already in `charts/`. */
  repository: string;
}

/** Where a dependency comes from, and whether Lockstep may fetch it. */
export type DependencySource =
  | { kind: "vendored" }
  | { kind: "http"; url: string }
  | { kind: "file"; dir: string }
  | { kind: "refused"; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The dependencies declared in the text of a `Chart.yaml` named `where`.
 * @throws RenderError when it is not YAML or a dependency has no name.
 */
export function dependenciesOf(text: string, where: string): ChartDependency[] {
  let chart: unknown;
  try {
    chart = parseDocument(text).toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new RenderError(`${where} cannot be read: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  if (!isRecord(chart) || !Array.isArray(chart.dependencies)) return [];
  return chart.dependencies.map((entry, index) => {
    if (!isRecord(entry) || typeof entry.name !== "string" || entry.name === "") throw new RenderError(`${where}: dependency ${index + 1} has no name`);
    return {
      name: entry.name,
      version: typeof entry.version === "string" || typeof entry.version === "number" ? String(entry.version) : "",
      repository: typeof entry.repository === "string" ? entry.repository.trim() : "",
    };
  });
}

/**
 * Where `dependency` of the chart in `chartDir` comes from: nothing to fetch, an HTTP(S) chart
 * repository, a directory of the repository (`file://`, never outside it), or refused (OCI
 * registries, repository aliases such as `@stable`, other schemes).
 */
export function dependencySource(dependency: ChartDependency, chartDir: string, root: string): DependencySource {
  const repo = dependency.repository;
  const named = `dependency ${dependency.name}`;
  if (repo === "") return { kind: "vendored" };
  if (/^https?:\/\//i.test(repo)) return { kind: "http", url: repo };
  if (/^file:\/\//i.test(repo)) {
    const dir = path.resolve(chartDir, repo.slice("file://".length));
    if (!isInside(root, dir)) return { kind: "refused", reason: `${named} is a file:// path outside the repository (${repo})` };
    return { kind: "file", dir };
  }
  if (/^oci:\/\//i.test(repo)) return { kind: "refused", reason: `${named} comes from an OCI registry (${redactCredentials(repo)}), which Lockstep does not fetch; vendor it into charts/ or serve it from an HTTP chart repository` };
  if (repo.startsWith("@") || repo.startsWith("alias:")) return { kind: "refused", reason: `${named} names a repository alias (${repo}); write the chart repository's URL instead` };
  return { kind: "refused", reason: `${named} has repository ${redactCredentials(repo)}, which is neither http(s):// nor file:// inside the repository` };
}

/** Reads the chart's `Chart.yaml` (within the file size limit) and answers its dependencies. */
export async function readChartDependencies(chartDir: string, shown: string, limits: Pick<RenderLimits, "maxFileBytes">): Promise<ChartDependency[]> {
  const file = path.join(chartDir, CHART_FILE);
  const where = `${shown === "." ? "" : `${shown}/`}${CHART_FILE}`;
  const size = (await stat(file)).size;
  if (size > limits.maxFileBytes) throw new RenderError(`${where} is ${formatBytes(size)}; files may be at most ${formatBytes(limits.maxFileBytes)} (${LIMIT_VARIABLES.maxFileBytes})`);
  return dependenciesOf(await readFile(file, "utf8"), where);
}

async function entriesOf(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[]);
}

/** True when `charts/` holds `dependency`, as a directory or a packaged `<name>-<version>.tgz`. */
function isVendored(dependency: ChartDependency, entries: readonly string[]): boolean {
  return entries.some((entry) => entry === dependency.name || (entry.startsWith(`${dependency.name}-`) && entry.endsWith(".tgz")));
}

/** The dependencies of the chart in `chartDir` that its `charts/` directory does not hold. */
export async function missingDependencies(chartDir: string, dependencies: readonly ChartDependency[]): Promise<ChartDependency[]> {
  const entries = await entriesOf(path.join(chartDir, "charts"));
  return dependencies.filter((dependency) => !isVendored(dependency, entries));
}

/** True when the chart, or a subchart in its `charts/` (a packaged one counts), has at least one template file. */
export async function hasTemplates(chartDir: string): Promise<boolean> {
  const templates = await readdir(path.join(chartDir, "templates"), { recursive: true, withFileTypes: true }).catch(() => []);
  if (templates.some((entry) => entry.isFile() && !entry.name.startsWith("_") && entry.name !== "NOTES.txt")) return true;
  for (const entry of await entriesOf(path.join(chartDir, "charts"))) {
    if (entry.endsWith(".tgz")) return true;
    const sub = path.join(chartDir, "charts", entry);
    if ((await stat(sub).catch(() => undefined))?.isDirectory() && (await hasTemplates(await realpath(sub)))) return true;
  }
  return false;
}
