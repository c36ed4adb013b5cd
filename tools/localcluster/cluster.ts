import { mkdir, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ensureBinaries } from "./build";
import { launchCluster } from "./launch";
import { withFileLock } from "./lock";
import { clusterDir } from "./paths";
import { stopProcess } from "./process";
import { clusterLayout, type ClusterLayout, type DaemonName } from "./state";
import { inspectCluster, type ClusterStatus } from "./status";

/** Options shared by the cluster commands. */
export interface ClusterOptions {
  /**
   * The state directory.
   * @default `$LOCKSTEP_CLUSTER_DIR` or `~/.cache/lockstep/cluster`
   */
  dir?: string;
  /**
   * Receives progress lines.
   * @default writes to stderr
   */
  onProgress?: (line: string) => void;
}

/** Options for {@link startCluster}. */
export interface StartClusterOptions extends ClusterOptions {
  /**
   * A fixed apiserver port, for a kubeconfig that stays the same across restarts.
   * @default `$LOCKSTEP_CLUSTER_PORT`, else a free port
   */
  apiserverPort?: number;
}

/** A running cluster, as `up` reports it. */
export interface StartedCluster {
  kubeconfigPath: string;
  server: string;
  /** True when a healthy cluster was already running and nothing was started. */
  reused: boolean;
}

function progressOf(options: ClusterOptions): (line: string) => void {
  return options.onProgress ?? ((line) => process.stderr.write(`${line}\n`));
}

/** Serializes `up` and `down` on one state directory across processes. */
async function withClusterLock<T>(layout: ClusterLayout, progress: (line: string) => void, fn: () => Promise<T>) {
  await mkdir(dirname(layout.dir), { recursive: true });
  const options = {
    purpose: `the local cluster in ${layout.dir}`,
    timeoutMs: 5 * 60_000,
    onWait: (pid: number) => progress(`waiting for process ${pid}, which is starting or stopping the local cluster...`),
  };
  return withFileLock(`${layout.dir}.lock`, options, fn);
}

/**
 * Inspects the cluster; when every process runs but the apiserver is not ready
 * (e.g. busy under a benchmark), gives it a few seconds before calling it stale.
 */
async function inspectPatiently(layout: ClusterLayout): Promise<ClusterStatus> {
  const deadline = Date.now() + 15_000;
  let status = await inspectCluster(layout);
  while (status.phase === "stale" && status.state && status.processes.every((p) => p.running) && Date.now() < deadline) {
    await sleep(500);
    status = await inspectCluster(layout);
  }
  return status;
}

/** Stops every component that still runs from this state directory, newest first, and deletes the directory. */
async function teardown(layout: ClusterLayout, status: ClusterStatus): Promise<DaemonName[]> {
  const stopped: DaemonName[] = [];
  for (const component of [...status.processes].reverse()) {
    if (component.pid !== undefined && component.running && status.state) {
      if (await stopProcess(component.pid, status.state.binaries[component.name])) stopped.push(component.name);
    }
  }
  await rm(layout.dir, { recursive: true, force: true });
  return stopped;
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok
 * on loopback (building them first if needed) and waits until Deployments can
 * get Ready Pods. Reuses a healthy running cluster; cleans up a stale one.
 *
 * @throws LocalClusterError with one sentence naming the fix.
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<StartedCluster> {
  const progress = progressOf(options);
  const layout = clusterLayout(options.dir ?? clusterDir());
  const bins = await ensureBinaries({ onProgress: progress });
  return withClusterLock(layout, progress, async () => {
    const status = await inspectPatiently(layout);
    if (status.phase === "running" && status.state) {
      return { kubeconfigPath: layout.kubeconfigPath, server: status.state.server, reused: true };
    }
    if (status.phase === "stale") {
      progress(`cleaning up a stale local cluster in ${layout.dir} (${status.summary})...`);
      await teardown(layout, status);
    }
    const server = await launchCluster(layout, bins, { apiserverPort: options.apiserverPort, progress });
    return { kubeconfigPath: layout.kubeconfigPath, server, reused: false };
  });
}

/**
 * Stops the processes recorded in the state directory (only if each PID still
 * runs the recorded binary) and deletes the directory.
 *
 * @returns the components that were stopped.
 */
export async function stopCluster(options: ClusterOptions = {}): Promise<DaemonName[]> {
  const progress = progressOf(options);
  const layout = clusterLayout(options.dir ?? clusterDir());
  return withClusterLock(layout, progress, async () => teardown(layout, await inspectCluster(layout)));
}

/** Reports each component's process and the apiserver's readiness, without changing anything. */
export async function clusterStatus(options: ClusterOptions = {}): Promise<ClusterStatus> {
  return inspectCluster(clusterLayout(options.dir ?? clusterDir()));
}

/**
 * Makes sure a healthy local cluster runs, starting one if needed. Callers that
 * get `startedHere: true` own it and should call {@link stopCluster} when done.
 */
export async function ensureCluster(
  options: StartClusterOptions = {},
): Promise<{ kubeconfigPath: string; startedHere: boolean }> {
  const started = await startCluster(options);
  return { kubeconfigPath: started.kubeconfigPath, startedHere: !started.reused };
}

