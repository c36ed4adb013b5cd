/**
 * Helm charts, rendered by the real `helm template` as Argo CD renders them: the release
 * (the app's name unless told), the destination namespace, values files inside the repository,
 * inline values, parameters, the destination's version and API versions, CRDs and tests as the
 * app says. Hooks are kept as rendered (the sync maps `helm.sh/hook` to phases). Helm runs like
 * kustomize: a clean environment with private Helm directories and no plugins, under
 * `unshare --net` (no network at all), with a timeout and output limits; only
 * `helm dependency build` (see `helm-deps.ts`) reaches the chart repositories `Chart.yaml` declares.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { stringify } from "yaml";

import { buildChartDependencies } from "./helm-deps";
import { helmTemplateArgs } from "./helm-args";
import { hasTemplates, readChartDependencies } from "./helm-chart";
import { helmEnvironment, prepareHelmHome } from "./helm-env";
import { resolveValueFiles } from "./helm-values";
import { findHelmBinary } from "./kustomize-bin";
import { formatBytes, LIMIT_VARIABLES, type RenderLimits } from "./limits";
import { findUnshare, isolateFromNetwork, isRootProcess, unshareFailureOf } from "./network-isolation";
import { parseYamlManifests, type DocumentBudget, type SourcedObject } from "./parse-manifests";
import { runProcess } from "./process";
import { redactCredentials } from "./redact";
import { RenderError } from "./render-error";
import type { CredentialLookup } from "./repo-auth";
import type { HelmSourceSpec } from "./source-spec";

/** How long each Helm command may run unless told otherwise: 60 s. */
export const DEFAULT_HELM_TIMEOUT_MS = 60_000;

/** What the destination cluster says about itself, for `.Capabilities`. */
export interface ClusterCapabilities {
  /** The server's version, e.g. `v1.31.2`. */
  kubeVersion?: string;
  /** Every group/version the server serves, e.g. `apps/v1`. */
  apiVersions?: string[];
}

/** Options of {@link renderHelmChart}. */
export interface RenderHelmOptions extends ClusterCapabilities {
  /** The repository root (a real path). */
  root: string;
  /** The app's name: the release name unless the spec names one. */
  appName: string;
  /** `.Release.Namespace`. */
  destNamespace: string;
  /** The app's `source.helm`. */
  helm?: HelmSourceSpec;
  /** The helm binary; see `findHelmBinary`. */
  helmBin?: string;
  /** Kill each Helm command after this many milliseconds. @default 60_000 */
  timeoutMs?: number;
  signal?: AbortSignal;
  limits: Pick<RenderLimits, "maxTotalBytes" | "maxFileBytes">;
  budget?: DocumentBudget;
  /** Stored credentials of chart repositories, for dependencies. */
  credentials?: CredentialLookup;
  /** The `unshare` binary. @default `unshare` on PATH */
  unshareBin?: string;
}

function isolationRefused(reason: string): string {
  return `cannot run helm without network access: ${reason}; Lockstep will not run helm template with the network`;
}

/**
 * Renders the chart in `chartDir` into objects.
 * @throws RenderError with Helm's own (cleaned, redacted) message, or naming what the sandbox refused.
 */
export async function renderHelmChart(chartDir: string, options: RenderHelmOptions): Promise<SourcedObject[]> {
  const shown = path.relative(options.root, chartDir) || ".";
  const bin = await findHelmBinary({ helmBin: options.helmBin });
  if (!bin) throw new RenderError(`helm is not installed: put it on PATH or set LOCKSTEP_HELM (needed to render chart ${shown})`);
  const unshareBin = options.unshareBin ?? (await findUnshare());
  if (!unshareBin) throw new RenderError(isolationRefused("unshare (util-linux) is not installed"));
  const timeoutMs = options.timeoutMs ?? DEFAULT_HELM_TIMEOUT_MS;
  const home = await prepareHelmHome(await mkdtemp(path.join(os.tmpdir(), "lockstep-helm-")));
  try {
    const env = helmEnvironment(home.home);
    const dependencies = await readChartDependencies(chartDir, shown, options.limits);
    const chart = await buildChartDependencies({ root: options.root, chartDir, shown, dependencies, helmBin: bin, home, env, credentials: options.credentials, timeoutMs, signal: options.signal });
    const helm = options.helm ?? {};
    const valueFiles = await resolveValueFiles(options.root, chartDir, helm.valueFiles ?? [], options.limits);
    const inlineValuesFile = await writeInlineValues(home.home, helm.values);
    const args = helmTemplateArgs({
      releaseName: helm.releaseName ?? options.appName,
      chartDir: chart,
      namespace: options.destNamespace,
      valueFiles,
      inlineValuesFile,
      parameters: helm.parameters ?? [],
      includeCrds: helm.includeCrds ?? true,
      skipTests: helm.skipTests ?? false,
      kubeVersion: options.kubeVersion,
      apiVersions: options.apiVersions,
    });
    const command = isolateFromNetwork({ file: bin, args }, { unshareBin, isRoot: isRootProcess() });
    const result = await runProcess(command.file, command.args, { cwd: home.home, env, timeoutMs, signal: options.signal, maxOutputBytes: options.limits.maxTotalBytes }).catch(
      (error: NodeJS.ErrnoException) => {
        throw new RenderError(isolationRefused(`cannot run ${command.file} (${error.code ?? error.message})`));
      },
    );
    if (result.timedOut) throw new RenderError(`helm template ${shown} timed out after ${Math.round(timeoutMs / 1000)} s`);
    if (result.aborted) throw new RenderError(`helm template ${shown} was cancelled`);
    if (result.outputExceeded) throw new RenderError(`helm template ${shown} printed more than ${formatBytes(options.limits.maxTotalBytes)} (raise ${LIMIT_VARIABLES.maxTotalBytes} to allow more)`);
    if (result.exitCode !== 0) {
      const failure = unshareFailureOf(result.stderr);
      if (failure === "refused") throw new RenderError(isolationRefused(`the kernel refused a network namespace (${result.stderr.trim()})`));
      if (failure === "cannot-execute") throw new RenderError(`cannot run helm (${bin}): ${result.stderr.trim().replace(/^unshare: /, "")}`);
      const message = cleanStderr(result.stderr, [options.root, path.join(home.home, "tree"), home.home]) || `exit code ${result.exitCode}`;
      throw new RenderError(`helm template ${shown} failed: ${message}`);
    }
    const objects = parseYamlManifests(result.stdout, `helm template ${shown}`, options.budget ? { budget: options.budget } : {});
    if (objects.length === 0 && !(await hasTemplates(chart))) {
      const declared = dependencies.map((d) => d.name).join(", ");
      throw new RenderError(`chart ${shown} rendered no objects: it has no templates${declared ? ` and its dependencies (${declared}) rendered nothing` : ""}`);
    }
    return objects;
  } finally {
    await rm(home.home, { recursive: true, force: true });
  }
}

/** Writes inline values (YAML text, or an object written as YAML) to a private file; none when there are none. */
async function writeInlineValues(home: string, values: HelmSourceSpec["values"]): Promise<string | undefined> {
  if (values === undefined || (typeof values === "string" && values.trim() === "")) return undefined;
  const file = path.join(home, "inline-values.yaml");
  await writeFile(file, typeof values === "string" ? values : stringify(values), { mode: 0o600 });
  return file;
}

/** Helm's stderr without its `Error: ` prefix, temporary or checkout paths, or credentials. */
function cleanStderr(stderr: string, dirs: readonly string[]): string {
  let text = stderr;
  for (const dir of dirs) text = text.split(`${dir}${path.sep}`).join("").split(dir).join(".");
  return redactCredentials(text.trim().replace(/^Error:\s*/, ""));
}
