import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { binaryNames, binarySpecs, goModules, type BinaryName } from "./components";
import { LocalClusterError } from "./errors";
import { pathExists, requireGoToolchain, runGoBuild, type GoToolchain } from "./go";
import { withFileLock } from "./lock";
import { lastLogLine } from "./logs";
import { binRoot, toolsDir } from "./paths";

/** Absolute path of each local cluster binary. */
export type BinPaths = Readonly<Record<BinaryName, string>>;

/** Options for {@link ensureBinaries}. */
export interface EnsureBinariesOptions {
  /**
   * Receives one line per build step.
   * @default writes to stderr
   */
  onProgress?: (line: string) => void;
}

/** Bumped when the way binaries are built changes, so old caches are not reused. */
const recipeVersion = "1";
const markerName = ".complete";

/** Files whose content decides what gets built: module files plus the etcd entry point. */
const inputFiles = [...goModules.flatMap((goModule) => [`${goModule}/go.mod`, `${goModule}/go.sum`]), "etcd/main.go"];

function defaultProgress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * The cache key: a hash of the go.mod/go.sum files, the etcd entry point, the
 * build recipe and `go version`, so binaries are rebuilt only when one changes.
 */
export async function binaryCacheKey(toolchain: GoToolchain): Promise<string> {
  const hash = createHash("sha256").update(`recipe ${recipeVersion}\n${toolchain.versionLine}\n`);
  for (const file of inputFiles) {
    hash.update(`${file}\n`).update(await readFile(join(toolsDir, file))).update("\n");
  }
  return hash.digest("hex").slice(0, 16);
}

function pathsIn(dir: string): BinPaths {
  return Object.fromEntries(binaryNames.map((name) => [name, join(dir, name)])) as Record<BinaryName, string>;
}

async function isComplete(dir: string): Promise<boolean> {
  if (!(await pathExists(join(dir, markerName)))) return false;
  const present = await Promise.all(binaryNames.map((name) => pathExists(join(dir, name))));
  return present.every(Boolean);
}

/**
 * Finds binaries already built for the current go.mod files and Go version,
 * without building anything.
 *
 * @returns the paths, or undefined when they have not been built yet.
 * @throws LocalClusterError when Go is missing or too old (the cache key needs it).
 */
export async function locateBinaries(): Promise<BinPaths | undefined> {
  const dir = join(binRoot(), await binaryCacheKey(await requireGoToolchain()));
  return (await isComplete(dir)) ? pathsIn(dir) : undefined;
}

/** `-X` flags that stamp the Kubernetes version into kube binaries, as Kubernetes' own build does. */
async function kubeVersionLdflags(): Promise<string[]> {
  const goMod = await readFile(join(toolsDir, "kube", "go.mod"), "utf8");
  const version = /^\s*k8s\.io\/kubernetes\s+(v\d+\.\d+\.\d+\S*)/m.exec(goMod)?.[1];
  if (!version) return [];
  const [major, minor] = version.slice(1).split(".");
  return ["k8s.io/component-base/version", "k8s.io/client-go/pkg/version"].flatMap((pkg) => [
    `-X ${pkg}.gitVersion=${version}`,
    `-X ${pkg}.gitMajor=${major}`,
    `-X ${pkg}.gitMinor=${minor}`,
    `-X ${pkg}.gitTreeState=clean`,
  ]);
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

/** Runs `go build` for one binary, with all output going to `logPath`. Resolves to the exit code. */
async function goBuild(name: BinaryName, output: string, logPath: string): Promise<number> {
  const spec = binarySpecs[name];
  const ldflags = spec.module === "kube" ? await kubeVersionLdflags() : [];
  return runGoBuild({ cwd: join(toolsDir, spec.module), pkg: spec.pkg, output, ldflags, logPath });
}

async function buildOne(name: BinaryName, dir: string, progress: (line: string) => void): Promise<void> {
  const logPath = join(dir, "logs", `${name}.log`);
  const partial = join(dir, `${name}.partial`);
  progress(`building ${name} (first time takes ~${binarySpecs[name].firstBuildMinutes} min)...`);
  const started = Date.now();
  const code = await goBuild(name, partial, logPath);
  if (code !== 0) {
    await rm(partial, { force: true });
    throw new LocalClusterError(
      `Building ${name} failed (go build exited with code ${code}: "${await lastLogLine(logPath)}"); the full Go output is in ${logPath}.`,
    );
  }
  await rename(partial, join(dir, name));
  progress(`built ${name} in ${formatDuration(Date.now() - started)}`);
}

/**
 * Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl,
 * kwok, kustomize and helm from the Go modules under `tools/localcluster/` into
 * `~/.cache/lockstep/bin/<key>/`, or reuses them when that directory is complete.
 *
 * @throws LocalClusterError when Go is missing or too old, or a build fails (naming its log file).
 */
export async function ensureBinaries(options: EnsureBinariesOptions = {}): Promise<BinPaths> {
  const progress = options.onProgress ?? defaultProgress;
  const toolchain = await requireGoToolchain();
  const key = await binaryCacheKey(toolchain);
  const dir = join(binRoot(), key);
  if (await isComplete(dir)) return pathsIn(dir);

  await mkdir(join(dir, "logs"), { recursive: true });
  const lockOptions = {
    purpose: `the binary cache ${dir}`,
    timeoutMs: 60 * 60 * 1000,
    onWait: (pid: number) => progress(`waiting for process ${pid}, which is building the same binaries...`),
  };
  return withFileLock(`${dir}.lock`, lockOptions, async () => {
    if (await isComplete(dir)) return pathsIn(dir);
    progress(`building local cluster binaries with ${toolchain.versionLine} into ${dir}`);
    const started = Date.now();
    for (const name of binaryNames) {
      if (!(await pathExists(join(dir, name)))) await buildOne(name, dir, progress);
    }
    await writeFile(join(dir, markerName), JSON.stringify({ key, goVersion: toolchain.versionLine, builtAt: new Date() }));
    progress(`local cluster binaries ready in ${formatDuration(Date.now() - started)}`);
    return pathsIn(dir);
  });
}
