/**
 * The environment a run measured in: machine, runtimes, cluster and source versions,
 * and the load at the start (the machine may be shared, so figures are noisy).
 */
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import type { Kubectl } from "./kubectl";

const exec = promisify(execFile);

/** Recorded with every result file. */
export interface Environment {
  date: string;
  cpuCount: number;
  cpuModel: string;
  memoryTotalMB: number;
  /** 1, 5 and 15 minute load averages when the run started. */
  loadAverageAtStart: number[];
  platform: string;
  nodeVersion: string;
  kubernetesServerVersion: string;
  kubectlVersion: string;
  gitVersion: string;
  /** The Lockstep commit measured, with `-dirty` when the tree had changes. */
  lockstepCommit: string;
  /** The production build the server ran from. */
  distDir: string;
  /** True when a source file was newer than that build (the figures may not describe the current code). */
  buildStale: boolean;
  /** Chromium's version, when the page measurement ran. */
  chromiumVersion?: string;
}

async function output(command: string, args: string[]): Promise<string> {
  try {
    return (await exec(command, args, { maxBuffer: 1 << 20 })).stdout.trim();
  } catch {
    return "unknown";
  }
}

/** Collects the environment; `kubectl version` gives both the client's and the server's versions. */
export async function collectEnvironment(kubectl: Kubectl, build: { distDir: string; stale: boolean }): Promise<Environment> {
  const versions = await kubectl.run(["version", "-o", "json"]);
  let parsed: { clientVersion?: { gitVersion?: string }; serverVersion?: { gitVersion?: string } } = {};
  try {
    parsed = JSON.parse(versions.stdout);
  } catch {
    parsed = {};
  }
  const commit = await output("git", ["rev-parse", "--short=12", "HEAD"]);
  const dirty = (await output("git", ["status", "--porcelain"])) !== "";
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryTotalMB: Math.round(os.totalmem() / 2 ** 20),
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    nodeVersion: process.version,
    kubernetesServerVersion: parsed.serverVersion?.gitVersion ?? "unknown",
    kubectlVersion: parsed.clientVersion?.gitVersion ?? "unknown",
    gitVersion: (await output("git", ["--version"])).replace(/^git version /, ""),
    lockstepCommit: `${commit}${dirty && commit !== "unknown" ? "-dirty" : ""}`,
    distDir: build.distDir,
    buildStale: build.stale,
  };
}
