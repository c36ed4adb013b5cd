/**
 * Builds each peer's binaries from the Go modules under tools/peers/ into
 * `~/.cache/lockstep/bin/peer-<name>-<key>/`, as tools/localcluster builds Kubernetes: the key
 * hashes the go.mod/go.sum files, the recipe and `go version`, and a complete directory is reused.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathExists, requireGoToolchain, runGoBuild, type GoToolchain } from "../localcluster/go";
import { withFileLock } from "../localcluster/lock";
import { lastLogLine } from "../localcluster/logs";
import { binRoot } from "../localcluster/paths";
import { peerBinaries, type PeerBinarySpec, type PeerName } from "./components";
import { PeerError } from "./errors";
import { peersDir, requiredVersion } from "./versions";

/** Absolute path of each binary of one peer, by binary name. */
export type PeerBinPaths = Readonly<Record<string, string>>;

/** Bumped when the way peers are built changes, so old caches are not reused. */
const recipeVersion = "1";
const markerName = ".complete";

/** The cache key of one peer: its modules' go.mod/go.sum, the recipe and `go version`. */
export async function peerCacheKey(peer: PeerName, toolchain: GoToolchain): Promise<string> {
  const hash = createHash("sha256").update(`recipe ${recipeVersion}\n${toolchain.versionLine}\n`);
  for (const spec of peerBinaries[peer]) {
    for (const file of ["go.mod", "go.sum"]) {
      hash.update(`${spec.module}/${file}\n`).update(await readFile(join(peersDir, spec.module, file))).update("\n");
    }
  }
  return hash.digest("hex").slice(0, 16);
}

function pathsIn(peer: PeerName, dir: string): PeerBinPaths {
  return Object.fromEntries(peerBinaries[peer].map((spec) => [spec.binary, join(dir, spec.binary)]));
}

async function isComplete(peer: PeerName, dir: string): Promise<boolean> {
  if (!(await pathExists(join(dir, markerName)))) return false;
  return (await Promise.all(peerBinaries[peer].map((spec) => pathExists(join(dir, spec.binary))))).every(Boolean);
}

/** The cache directory of one peer's binaries for the current go.mod files and Go. */
export async function peerBinDir(peer: PeerName): Promise<string> {
  return join(binRoot(), `peer-${peer}-${await peerCacheKey(peer, await requireGoToolchain())}`);
}

/** The peer's binaries when already built, else undefined (nothing is built). */
export async function locatePeerBinaries(peer: PeerName): Promise<PeerBinPaths | undefined> {
  const dir = await peerBinDir(peer);
  return (await isComplete(peer, dir)) ? pathsIn(peer, dir) : undefined;
}

async function goBuild(spec: PeerBinarySpec, output: string, logPath: string): Promise<number> {
  const goMod = await readFile(join(peersDir, spec.module, "go.mod"), "utf8");
  const version = requiredVersion(goMod, spec.upstream) ?? "unknown";
  return runGoBuild({ cwd: join(peersDir, spec.module), pkg: spec.pkg, output, ldflags: spec.versionLdflags(version), logPath });
}

/** Options for {@link ensurePeerBinaries}. */
export interface EnsurePeerBinariesOptions {
  /** Receives one line per build step. @default writes to stderr */
  onProgress?: (line: string) => void;
}

/**
 * Builds the peer's binaries unless a complete cache directory exists, and answers their paths.
 *
 * @throws PeerError when Go is missing or a build fails (naming its log file).
 */
export async function ensurePeerBinaries(peer: PeerName, options: EnsurePeerBinariesOptions = {}): Promise<PeerBinPaths> {
  const progress = options.onProgress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = await peerBinDir(peer);
  if (await isComplete(peer, dir)) return pathsIn(peer, dir);
  await mkdir(join(dir, "logs"), { recursive: true });
  const lock = { purpose: `the peer binary cache ${dir}`, timeoutMs: 90 * 60 * 1000, onWait: (pid: number) => progress(`waiting for process ${pid}, which is building ${peer}...`) };
  return withFileLock(`${dir}.lock`, lock, async () => {
    if (await isComplete(peer, dir)) return pathsIn(peer, dir);
    for (const spec of peerBinaries[peer]) {
      if (await pathExists(join(dir, spec.binary))) continue;
      const logPath = join(dir, "logs", `${spec.binary}.log`);
      const partial = join(dir, `${spec.binary}.partial`);
      progress(`building ${spec.binary} for ${peer} into ${dir}...`);
      const started = Date.now();
      const code = await goBuild(spec, partial, logPath);
      if (code !== 0) {
        await rm(partial, { force: true });
        throw new PeerError(`Building ${spec.binary} failed (go build exited with code ${code}: "${await lastLogLine(logPath)}"); the full Go output is in ${logPath}.`);
      }
      await rename(partial, join(dir, spec.binary));
      progress(`built ${spec.binary} in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await writeFile(join(dir, markerName), JSON.stringify({ peer, builtAt: new Date() }));
    return pathsIn(peer, dir);
  });
}
