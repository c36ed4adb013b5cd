import { execFile, spawn } from "node:child_process";
import { access, open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { goModules } from "./components";
import { LocalClusterError } from "./errors";
import { toolsDir } from "./paths";

const execFileAsync = promisify(execFile);

/**
 * The environment every `go` command of the local cluster runs with: no toolchain
 * switching (the cache key is derived from the local `go version`) and no
 * workspace file from a parent directory.
 */
export function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: "local", GOWORK: "off" };
}

/** What one `go build` makes. */
export interface GoBuild {
  /** The module directory to build in. */
  cwd: string;
  /** The package to build, e.g. `./cmd/kube-apiserver`. */
  pkg: string;
  /** Where the binary goes. */
  output: string;
  /** Linker flags besides `-s -w`. */
  ldflags?: readonly string[];
  /** Where all of go's output goes. */
  logPath: string;
}

/** Runs one `go build` (stripped, no VCS stamping) with {@link goEnv}; resolves to its exit code. */
export async function runGoBuild(build: GoBuild): Promise<number> {
  const ldflags = ["-s", "-w", ...(build.ldflags ?? [])].join(" ");
  const log = await open(build.logPath, "w");
  try {
    const child = spawn("go", ["build", "-buildvcs=false", `-ldflags=${ldflags}`, "-o", build.output, build.pkg], { cwd: build.cwd, env: goEnv(), stdio: ["ignore", log.fd, log.fd] });
    return await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
  } finally {
    await log.close();
  }
}

/** True when the path exists. */
export async function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** What the local Go toolchain reports about itself. */
export interface GoToolchain {
  /** Full `go version` output, e.g. `go version go1.26.8 linux/amd64`. */
  versionLine: string;
  /** The numeric version, e.g. `1.26.8`. */
  version: string;
}

/**
 * Parses the numeric part of a Go version such as `go1.26.8`, `1.26` or `go1.27rc1`.
 * Returns undefined when there is none (e.g. a `devel` build without a base version).
 */
export function parseGoVersion(text: string): number[] | undefined {
  const match = /(?:^|go)(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

/** Orders two parsed versions: negative when `a` is older than `b`. */
export function compareGoVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The newest `go` directive across the local cluster's go.mod files, e.g. `1.26.0`. */
export async function requiredGoVersion(): Promise<string> {
  let newest = "1.0";
  for (const goModule of goModules) {
    const goMod = await readFile(join(toolsDir, goModule, "go.mod"), "utf8");
    const directive = /^go\s+(\S+)\s*$/m.exec(goMod)?.[1];
    const parsedDirective = directive ? parseGoVersion(directive) : undefined;
    const parsedNewest = parseGoVersion(newest);
    if (directive && parsedDirective && parsedNewest && compareGoVersions(parsedDirective, parsedNewest) > 0) {
      newest = directive;
    }
  }
  return newest;
}

/** `1.26.0` → `1.26`, the form people type when installing Go. */
function majorMinor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

/**
 * Checks that a Go toolchain new enough for the go.mod files is on PATH.
 *
 * @throws LocalClusterError naming the required version when Go is missing or too old.
 */
export async function requireGoToolchain(): Promise<GoToolchain> {
  const required = await requiredGoVersion();
  const advice =
    `Go ${majorMinor(required)} or newer is required to build the local cluster; ` +
    "install it from https://go.dev/dl/ (or your package manager) and make sure `go` is on PATH";
  let versionLine: string;
  try {
    const { stdout } = await execFileAsync("go", ["version"], { env: goEnv() });
    versionLine = stdout.trim();
  } catch (error) {
    throw new LocalClusterError(`${advice} (running \`go version\` failed).`, { cause: error });
  }
  const found = parseGoVersion(versionLine.split(" ")[2] ?? "");
  const wanted = parseGoVersion(required);
  if (!found || !wanted || compareGoVersions(found, wanted) < 0) {
    throw new LocalClusterError(`${advice} (found: ${versionLine}).`);
  }
  return { versionLine, version: found.join(".") };
}
