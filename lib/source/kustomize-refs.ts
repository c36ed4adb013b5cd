/**
 * Reads a kustomization, and every base it includes, before kustomize runs, and refuses what
 * would take the build out of the repository: absolute paths, paths whose real location is
 * outside it (through `..` or symlinks), URL-shaped references (remote bases, files, Helm
 * repositories) unless the administrator allows them — judged by shape first, as kustomize
 * tries them as URLs first — `file://` URLs always, files over the size limit, and a
 * kustomization that includes itself. Kustomize itself then runs without a network
 * (see `network-isolation.ts`); this check is what names the reference at fault.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";

import { parseDocument } from "yaml";

import { formatBytes, LIMIT_VARIABLES, type RenderLimits } from "./limits";
import { isInside } from "./paths";
import { redactCredentials } from "./redact";
import { classifyReference } from "./reference-kind";
import { RenderError } from "./render-error";

/** The file names of a kustomization, as kustomize looks for them. */
const KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/**
 * Fields listing bases or resources (directories or files); transformers, generators and
 * validators may name directories holding kustomizations too.
 */
const RESOURCE_FIELDS = ["resources", "bases", "components", "generators", "transformers", "validators"];
/** Fields listing files. */
const FILE_FIELDS = ["crds", "configurations", "patchesStrategicMerge"];
/** Fields listing objects with a `path`. */
const PATH_OBJECT_FIELDS = ["patches", "patchesJson6902", "replacements"];
/** Generator fields whose entries list `files`, `envs` or `env`. */
const GENERATOR_FIELDS = ["configMapGenerator", "secretGenerator"];

/** The variable that lets kustomize fetch remote bases, named when one is refused. */
const REMOTE_BASES_VARIABLE = "LOCKSTEP_KUSTOMIZE_REMOTE_BASES";

/** Options for {@link checkKustomization}. */
export interface CheckKustomizationOptions {
  /** The repository root (a real path). */
  root: string;
  limits: Pick<RenderLimits, "allowRemoteBases" | "maxFileBytes">;
}

/** One reference of a kustomization. */
interface Reference {
  value: string;
  field: string;
  /** Whether it may name a directory holding another kustomization. */
  mayBeBase: boolean;
  /** A repository address (a Helm chart repository), never a path in the checkout. */
  isRepository?: boolean;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The file references of a parsed kustomization. Inline patches (several lines) are not references. */
export function referencesOf(kustomization: Record<string, unknown>): Reference[] {
  const refs: Reference[] = [];
  for (const field of RESOURCE_FIELDS) for (const value of strings(kustomization[field])) refs.push({ value, field, mayBeBase: true });
  for (const field of FILE_FIELDS) for (const value of strings(kustomization[field])) if (!value.includes("\n")) refs.push({ value, field, mayBeBase: false });
  for (const field of PATH_OBJECT_FIELDS) {
    for (const item of Array.isArray(kustomization[field]) ? kustomization[field] : []) {
      if (isRecord(item) && typeof item.path === "string") refs.push({ value: item.path, field, mayBeBase: false });
    }
  }
  for (const field of GENERATOR_FIELDS) {
    for (const item of Array.isArray(kustomization[field]) ? kustomization[field] : []) {
      if (!isRecord(item)) continue;
      const files = [...strings(item.files), ...strings(item.envs), ...(typeof item.env === "string" ? [item.env] : [])];
      for (const file of files) refs.push({ value: file.includes("=") ? file.slice(file.indexOf("=") + 1) : file, field, mayBeBase: false });
    }
  }
  if (isRecord(kustomization.openapi) && typeof kustomization.openapi.path === "string") refs.push({ value: kustomization.openapi.path, field: "openapi", mayBeBase: false });
  refs.push(...helmReferencesOf(kustomization));
  return refs;
}

/** Helm chart repositories, values files and the chart home of `helmCharts`, `helmGlobals` and the older `helmChartInflationGenerator`. */
function helmReferencesOf(kustomization: Record<string, unknown>): Reference[] {
  const refs: Reference[] = [];
  for (const field of ["helmCharts", "helmChartInflationGenerator"]) {
    for (const item of Array.isArray(kustomization[field]) ? kustomization[field] : []) {
      if (!isRecord(item)) continue;
      for (const key of ["repo", "chartRepoUrl"]) if (typeof item[key] === "string") refs.push({ value: item[key], field, mayBeBase: false, isRepository: true });
      for (const file of [...(typeof item.valuesFile === "string" ? [item.valuesFile] : []), ...strings(item.additionalValuesFiles)]) refs.push({ value: file, field, mayBeBase: false });
    }
  }
  if (isRecord(kustomization.helmGlobals) && typeof kustomization.helmGlobals.chartHome === "string") refs.push({ value: kustomization.helmGlobals.chartHome, field: "helmGlobals", mayBeBase: false });
  return refs;
}

async function kustomizationFile(dir: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_NAMES) {
    const file = path.join(dir, name);
    if ((await stat(file).catch(() => undefined))?.isFile()) return file;
  }
  return undefined;
}

/** What the check learnt about a kustomization tree. */
export interface KustomizationFacts {
  /** Whether any kustomization of the tree inflates Helm charts (`helmCharts`, `helmChartInflationGenerator`), so kustomize needs `--enable-helm`. */
  usesHelm: boolean;
}

/**
 * Checks the kustomization in `dir` and, recursively, the bases it includes.
 * @throws RenderError naming the kustomization file and the reference at fault.
 */
export async function checkKustomization(dir: string, options: CheckKustomizationOptions): Promise<KustomizationFacts> {
  const facts: KustomizationFacts = { usesHelm: false };
  await visit(await realpath(dir), [], options, facts);
  return facts;
}

/** True when a parsed kustomization inflates Helm charts. */
export function inflatesHelm(kustomization: Record<string, unknown>): boolean {
  return ["helmCharts", "helmChartInflationGenerator"].some((field) => Array.isArray(kustomization[field]) && kustomization[field].length > 0);
}

async function visit(dir: string, chain: readonly string[], options: CheckKustomizationOptions, facts: KustomizationFacts): Promise<void> {
  const shown = (p: string) => path.relative(options.root, p) || ".";
  if (chain.includes(dir)) {
    throw new RenderError(`the kustomization in ${shown(dir)} includes itself: ${[...chain, dir].map(shown).join(" -> ")}`);
  }
  const file = await kustomizationFile(dir);
  if (!file) return;
  const where = shown(file);
  const size = (await stat(file)).size;
  if (size > options.limits.maxFileBytes) throw new RenderError(`${where} is ${formatBytes(size)}; files may be at most ${formatBytes(options.limits.maxFileBytes)} (${LIMIT_VARIABLES.maxFileBytes})`);
  let parsed: unknown;
  try {
    parsed = parseDocument(await readFile(file, "utf8")).toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new RenderError(`${where} cannot be read: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  if (!isRecord(parsed)) return;
  if (inflatesHelm(parsed)) facts.usesHelm = true;
  for (const ref of referencesOf(parsed)) {
    const said = `${where}: ${ref.field} entry ${redactCredentials(ref.value)}`;
    const kind = classifyReference(ref.value);
    const refuseRemote = () => {
      if (!options.limits.allowRemoteBases) throw new RenderError(`${said} is remote; remote bases are off (an administrator may set ${REMOTE_BASES_VARIABLE}=true)`);
    };
    if (kind === "server-file") throw new RenderError(`${said} is a file:// URL, which would read the server's own disk; use a path inside the repository`);
    if (kind === "remote") {
      refuseRemote();
      continue;
    }
    if (ref.isRepository) continue;
    if (path.isAbsolute(ref.value)) throw new RenderError(`${said} is an absolute path; paths must be relative to the kustomization`);
    const local = path.resolve(dir, ref.value);
    const real = await realpath(local).catch(() => undefined);
    if (real === undefined) {
      if (kind === "host-like") {
        refuseRemote();
        continue;
      }
      if (!isInside(options.root, local)) throw new RenderError(`${said} points outside the repository`);
      continue;
    }
    if (!isInside(options.root, real)) throw new RenderError(`${said} points outside the repository`);
    const info = await stat(real);
    if (info.isDirectory()) {
      if (ref.mayBeBase) await visit(real, [...chain, dir], options, facts);
    } else if (info.size > options.limits.maxFileBytes) {
      throw new RenderError(`${said} is ${formatBytes(info.size)}; files may be at most ${formatBytes(options.limits.maxFileBytes)} (${LIMIT_VARIABLES.maxFileBytes})`);
    }
  }
}
