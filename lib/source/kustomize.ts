/**
 * Kustomize directories: detected by their kustomization file and built by the
 * real `kustomize build` — in a network namespace of its own, with no network,
 * unless remote bases are allowed — whose stderr becomes the error message
 * (with the temporary checkout's path removed, so it names repository paths).
 */
import { access, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { GIT_HARDENING } from "./git-env";
import { helmEnvironment, prepareHelmHome } from "./helm-env";
import { findHelmBinary, findKustomizeBinary } from "./kustomize-bin";
import { formatBytes, LIMIT_VARIABLES, type RenderLimits } from "./limits";
import { findUnshare, isolateFromNetwork, isRootProcess, unshareFailureOf, type Command } from "./network-isolation";
import { parseYamlManifests, type DocumentBudget, type SourcedObject } from "./parse-manifests";
import { runProcess } from "./process";
import { redactCredentials } from "./redact";
import { RenderError } from "./render-error";

/** The file names that make a directory a Kustomization, as kustomize itself looks for them. */
export const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;

/** How long `kustomize build` may run unless told otherwise: 60 s. */
export const DEFAULT_KUSTOMIZE_TIMEOUT_MS = 60_000;

/** Options for {@link buildKustomization}. */
export interface BuildKustomizationOptions {
  /** The repository root, stripped from paths in messages. */
  root: string;
  /** The kustomize binary; see `findKustomizeBinary` for the default search. */
  kustomizeBin?: string;
  /**
   * Kill kustomize after this many milliseconds.
   * @default 60_000
   */
  timeoutMs?: number;
  /** Aborting kills kustomize. */
  signal?: AbortSignal;
  /** Output size and remote bases; see {@link RenderLimits}. @default no output limit, no remote bases */
  limits?: Pick<RenderLimits, "maxTotalBytes" | "allowRemoteBases">;
  /** The render's YAML document budget. */
  budget?: DocumentBudget;
  /** The `unshare` binary that takes kustomize off the network. @default `unshare` on PATH */
  unshareBin?: string;
  /**
   * Inflate `helmCharts` with this Helm (`--enable-helm --helm-command`), its directories
   * private to this build and without plugins; absent when the kustomization has none.
   */
  helm?: { /** The helm binary; see `findHelmBinary`. */ helmBin?: string };
}

/** An address nothing listens on: proxy settings pointing there make any HTTP fetch fail at once. */
const NO_NETWORK_PROXY = "http://127.0.0.1:9";

/** What git may use to clone remote bases when they are allowed: never `file` (the server's own disk) nor `ext`. */
const REMOTE_BASE_PROTOCOLS = "http:https:ssh";

/**
 * The environment kustomize runs with: none of the server's own variables (tokens, passwords),
 * git without system or global configuration, prompts or LFS, and unless remote bases are
 * allowed, no protocol for git and HTTP sent to a closed port — behind the network namespace
 * and the pre-check that already refuses remote references.
 */
export function kustomizeEnvironment(options: { allowRemoteBases: boolean }): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"];
  const env = Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])) as NodeJS.ProcessEnv;
  Object.assign(env, GIT_HARDENING, { GIT_ALLOW_PROTOCOL: REMOTE_BASE_PROTOCOLS });
  if (!options.allowRemoteBases) {
    Object.assign(env, { GIT_ALLOW_PROTOCOL: "none", HTTP_PROXY: NO_NETWORK_PROXY, HTTPS_PROXY: NO_NETWORK_PROXY, http_proxy: NO_NETWORK_PROXY, https_proxy: NO_NETWORK_PROXY, NO_PROXY: "", no_proxy: "" });
  }
  return env;
}

/**
 * The command that runs `kustomize build`: `kustomize build <dir> --load-restrictor
 * LoadRestrictionsRootOnly`, wrapped in `unshare --net --` unless remote bases are allowed.
 * @throws RenderError when isolation is needed and `unshare` is not installed.
 */
async function kustomizeCommand(bin: string, dir: string, options: BuildKustomizationOptions, helmBin?: string): Promise<Command> {
  const helmArgs = helmBin ? ["--enable-helm", "--helm-command", helmBin] : [];
  const build: Command = { file: bin, args: ["build", dir, "--load-restrictor", "LoadRestrictionsRootOnly", ...helmArgs] };
  if (options.limits?.allowRemoteBases) return build;
  const unshareBin = options.unshareBin ?? (await findUnshare());
  if (!unshareBin) throw new RenderError(isolationRefused("unshare (util-linux) is not installed"));
  return isolateFromNetwork(build, { unshareBin, isRoot: isRootProcess() });
}

function isolationRefused(reason: string): string {
  return `cannot run kustomize without network access: ${reason}; remote bases are off, so Lockstep will not run it with the network (an administrator may set LOCKSTEP_KUSTOMIZE_REMOTE_BASES=true)`;
}

/** True when `dir` holds a kustomization file. */
export async function hasKustomization(dir: string): Promise<boolean> {
  for (const name of KUSTOMIZATION_FILES) {
    if (await access(path.join(dir, name)).then(() => true, () => false)) return true;
  }
  return false;
}

/**
 * Runs `kustomize build <dir>` and parses its output into objects.
 * @throws RenderError with kustomize's own message when the build fails, times out, or no binary is found.
 */
export async function buildKustomization(dir: string, options: BuildKustomizationOptions): Promise<SourcedObject[]> {
  const shown = path.relative(options.root, dir) || ".";
  const bin = await findKustomizeBinary({ kustomizeBin: options.kustomizeBin });
  if (!bin) {
    throw new RenderError(`kustomize is not installed: put it on PATH or set LOCKSTEP_KUSTOMIZE (needed to build ${shown})`);
  }
  const helmBin = options.helm ? await findHelmBinary({ helmBin: options.helm.helmBin }) : undefined;
  if (options.helm && !helmBin) throw new RenderError(`helm is not installed: put it on PATH or set LOCKSTEP_HELM (the kustomization in ${shown} inflates helmCharts)`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_KUSTOMIZE_TIMEOUT_MS;
  const maxOutputBytes = options.limits?.maxTotalBytes;
  const command = await kustomizeCommand(bin, dir, options, helmBin);
  const helmHome = helmBin ? await prepareHelmHome(await mkdtemp(path.join(os.tmpdir(), "lockstep-kustomize-helm-"))) : undefined;
  const result = await runProcess(command.file, command.args, {
    cwd: dir,
    env: { ...kustomizeEnvironment({ allowRemoteBases: options.limits?.allowRemoteBases ?? false }), ...(helmHome ? helmOnlyVariables(helmEnvironment(helmHome.home)) : {}) },
    timeoutMs,
    signal: options.signal,
    ...(maxOutputBytes !== undefined ? { maxOutputBytes } : {}),
  })
    .catch((error: NodeJS.ErrnoException) => {
      if (command.file !== bin) throw new RenderError(isolationRefused(`cannot run ${command.file} (${error.code ?? error.message})`));
      throw new RenderError(`cannot run kustomize (${bin}): ${error.code ?? error.message}`);
    })
    .finally(() => (helmHome ? rm(helmHome.home, { recursive: true, force: true }) : undefined));
  if (result.timedOut) throw new RenderError(`kustomize build ${shown} timed out after ${Math.round(timeoutMs / 1000)} s`);
  if (result.aborted) throw new RenderError(`kustomize build ${shown} was cancelled`);
  if (result.outputExceeded) {
    throw new RenderError(`kustomize build ${shown} printed more than ${formatBytes(maxOutputBytes ?? 0)} (raise ${LIMIT_VARIABLES.maxTotalBytes} to allow more)`);
  }
  if (result.exitCode !== 0 && command.file !== bin) {
    const failure = unshareFailureOf(result.stderr);
    if (failure === "refused") throw new RenderError(isolationRefused(`the kernel refused a network namespace (${result.stderr.trim()})`));
    if (failure === "cannot-execute") throw new RenderError(`cannot run kustomize (${bin}): ${result.stderr.trim().replace(/^unshare: /, "")}`);
  }
  if (result.exitCode !== 0) {
    const message = cleanStderr(result.stderr, options.root) || `exit code ${result.exitCode}`;
    throw new RenderError(`kustomize build ${shown} failed: ${message}`);
  }
  return parseYamlManifests(result.stdout, `kustomize build ${shown}`, options.budget ? { budget: options.budget } : {});
}

/** The `HELM_*` variables of a Helm environment, for kustomize to pass on to the Helm it runs. */
function helmOnlyVariables(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith("HELM_")));
}

/** Kustomize's stderr without its `Error: ` prefix, checkout paths or credentials. */
function cleanStderr(stderr: string, root: string): string {
  const withoutRoot = stderr.split(`${root}${path.sep}`).join("").split(root).join(".");
  return redactCredentials(withoutRoot.trim().replace(/^Error:\s*/, ""));
}
