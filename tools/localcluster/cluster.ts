import { mkdir, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { loadConnection, type ApiConnection } from "./api";
import { ensureBinaries, type BinPaths } from "./build";
import { LocalClusterError } from "./errors";
import { daemonArgs, type FlagContext } from "./flags";
import { writeKubeconfig } from "./kubeconfig";
import { withFileLock } from "./lock";
import { fakeNodeName, registerFakeNode } from "./node";
import { clusterDir, kwokStagesPath } from "./paths";
import { createPki, type Pki } from "./pki";
import { assertPortFree, loopback, pickFreePorts } from "./ports";
import { hasDefaultServiceAccount, isNodeReady, probeApiserver, probeEtcd } from "./probes";
import { startDaemon, stopProcess, type Daemon } from "./process";
import { inspectCluster, type ClusterStatus } from "./status";
import {
  clusterLayout,
  daemonNames,
  writeClusterState,
  type ClusterLayout,
  type ClusterPorts,
  type DaemonName,
} from "./state";
import { waitFor } from "./wait";

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

const startupTimeoutMs = 60_000;

function progressOf(options: ClusterOptions): (line: string) => void {
  return options.onProgress ?? ((line) => process.stderr.write(`${line}\n`));
}

function lockFor(layout: ClusterLayout, progress: (line: string) => void) {
  return {
    path: `${layout.dir}.lock`,
    options: {
      purpose: `the local cluster in ${layout.dir}`,
      timeoutMs: 5 * 60_000,
      onWait: (pid: number) => progress(`waiting for process ${pid}, which is starting or stopping the local cluster...`),
    },
  };
}

async function withClusterLock<T>(layout: ClusterLayout, progress: (line: string) => void, fn: () => Promise<T>) {
  await mkdir(dirname(layout.dir), { recursive: true });
  const lock = lockFor(layout, progress);
  return withFileLock(lock.path, lock.options, fn);
}

/** Stops every component that still runs from this state directory, newest first, and deletes the directory. */
async function teardown(layout: ClusterLayout, status: ClusterStatus): Promise<DaemonName[]> {
  const stopped: DaemonName[] = [];
  for (const process of [...status.processes].reverse()) {
    if (process.pid !== undefined && process.running && status.state) {
      if (await stopProcess(process.pid, status.state.binaries[process.name])) stopped.push(process.name);
    }
  }
  await rm(layout.dir, { recursive: true, force: true });
  return stopped;
}

async function choosePorts(apiserverPort: number | undefined): Promise<ClusterPorts> {
  const [etcdClient, etcdPeer, controllerManager, scheduler, kwok, freeApiserver] = await pickFreePorts(6);
  if (apiserverPort !== undefined) {
    await assertPortFree(apiserverPort, "the kube-apiserver port", "set LOCKSTEP_CLUSTER_PORT to a free port");
  }
  return {
    etcdClient: etcdClient!,
    etcdPeer: etcdPeer!,
    apiserver: apiserverPort ?? freeApiserver!,
    controllerManager: controllerManager!,
    scheduler: scheduler!,
    kwok: kwok!,
  };
}

function configuredApiserverPort(options: StartClusterOptions): number | undefined {
  if (options.apiserverPort !== undefined) return options.apiserverPort;
  const fromEnv = process.env.LOCKSTEP_CLUSTER_PORT;
  if (!fromEnv) return undefined;
  const port = Number(fromEnv);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LocalClusterError(`LOCKSTEP_CLUSTER_PORT must be a TCP port number, got "${fromEnv}"; fix or unset it.`);
  }
  return port;
}

async function writeKubeconfigs(layout: ClusterLayout, server: string, pki: Pki): Promise<void> {
  const base = { server, caCert: pki.ca.cert };
  await Promise.all([
    writeKubeconfig(layout.kubeconfigPath, { ...base, client: pki.admin, name: "lockstep-local" }),
    writeKubeconfig(layout.componentKubeconfigPath("kube-controller-manager"), {
      ...base,
      client: pki.controllerManager,
      name: "kube-controller-manager",
    }),
    writeKubeconfig(layout.componentKubeconfigPath("kube-scheduler"), {
      ...base,
      client: pki.scheduler,
      name: "kube-scheduler",
    }),
  ]);
}

/** Starts the components in order and waits until the cluster can run Deployments. */
async function launch(ctx: FlagContext, bins: BinPaths, admin: ApiConnection, started: Daemon[]): Promise<void> {
  const { layout, ports } = ctx;
  const start = async (name: DaemonName) => {
    const spec = { name, binary: bins[name], args: daemonArgs(name, ctx), cwd: layout.dir };
    started.push(await startDaemon({ ...spec, logPath: layout.logPath(name), pidPath: layout.pidPath(name) }));
  };
  const wait = (what: string, check: () => Promise<boolean>) =>
    waitFor(what, check, { timeoutMs: startupTimeoutMs, watch: started, logsDir: layout.logsDir });

  await start("etcd");
  await wait("etcd to become healthy", async () => (await probeEtcd(ports.etcdClient)).ok);
  await start("kube-apiserver");
  await wait("kube-apiserver /readyz", async () => (await probeApiserver(admin)).ok);
  await Promise.all([start("kube-controller-manager"), start("kube-scheduler"), start("kwok")]);
  await registerFakeNode(admin, ctx.nodeName);
  await wait("the default ServiceAccount (kube-controller-manager)", () => hasDefaultServiceAccount(admin));
  await wait(`node ${ctx.nodeName} to become Ready (kwok)`, () => isNodeReady(admin, ctx.nodeName));
}

async function startFresh(layout: ClusterLayout, bins: BinPaths, options: StartClusterOptions): Promise<StartedCluster> {
  const progress = progressOf(options);
  const begun = Date.now();
  const ports = await choosePorts(configuredApiserverPort(options));
  for (const dir of [layout.logsDir, layout.runDir, layout.etcdDataDir]) await mkdir(dir, { recursive: true, mode: 0o700 });
  const pki = await createPki(layout.pkiDir);
  const server = `https://${loopback}:${ports.apiserver}`;
  await writeKubeconfigs(layout, server, pki);
  const binaries = Object.fromEntries(daemonNames.map((name) => [name, bins[name]])) as Record<DaemonName, string>;
  const state = { version: 1 as const, server, ports, binaries, nodeName: fakeNodeName, startedAt: new Date().toISOString() };
  await writeClusterState(layout, state);

  progress(`starting the local cluster in ${layout.dir} (apiserver ${server})...`);
  const ctx: FlagContext = { layout, ports, pki, kwokStagesPath: kwokStagesPath(), nodeName: fakeNodeName };
  const admin = await loadConnection(server, pki.ca.cert, pki.admin);
  const started: Daemon[] = [];
  try {
    await launch(ctx, bins, admin, started);
  } catch (error) {
    for (const daemon of [...started].reverse()) await stopProcess(daemon.pid, daemon.spec.binary);
    progress(`start-up failed; the logs stay in ${layout.logsDir} until the next \`up\` or \`down\``);
    throw error;
  }
  progress(`local cluster ready in ${((Date.now() - begun) / 1000).toFixed(1)}s`);
  return { kubeconfigPath: layout.kubeconfigPath, server, reused: false };
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
    const status = await inspectCluster(layout);
    if (status.phase === "running" && status.state) {
      return { kubeconfigPath: layout.kubeconfigPath, server: status.state.server, reused: true };
    }
    if (status.phase === "stale") {
      progress(`cleaning up a stale local cluster in ${layout.dir} (${status.summary})...`);
      await teardown(layout, status);
    }
    return startFresh(layout, bins, options);
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

