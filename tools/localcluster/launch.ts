import { mkdir } from "node:fs/promises";
import { loadConnection, type ApiConnection } from "./api";
import type { BinPaths } from "./build";
import { LocalClusterError } from "./errors";
import { daemonArgs, type FlagContext } from "./flags";
import { writeKubeconfig } from "./kubeconfig";
import { fakeNodeName, registerFakeNode } from "./node";
import { kwokStagesPath } from "./paths";
import { createPki, type Pki } from "./pki";
import { assertPortFree, loopback, pickFreePorts } from "./ports";
import { hasDefaultServiceAccount, isNodeReady, probeApiserver, probeEtcd } from "./probes";
import { startDaemon, stopProcess, type Daemon } from "./process";
import { daemonNames, writeClusterState, type ClusterLayout, type ClusterPorts, type DaemonName } from "./state";
import { waitFor } from "./wait";

/** Options for {@link launchCluster}. */
export interface LaunchOptions {
  /** A fixed apiserver port; otherwise `$LOCKSTEP_CLUSTER_PORT` or a free one. */
  apiserverPort?: number;
  progress: (line: string) => void;
}

/** Generous: the apiserver is usually ready in 2–4 s, the rest within a second. */
const startupTimeoutMs = 60_000;

function configuredApiserverPort(explicit: number | undefined): number | undefined {
  if (explicit !== undefined) return explicit;
  const fromEnv = process.env.LOCKSTEP_CLUSTER_PORT;
  if (!fromEnv) return undefined;
  const port = Number(fromEnv);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LocalClusterError(`LOCKSTEP_CLUSTER_PORT must be a TCP port number, got "${fromEnv}"; fix or unset it.`);
  }
  return port;
}

async function choosePorts(apiserverPort: number | undefined): Promise<ClusterPorts> {
  const free = await pickFreePorts([
    "etcdClient",
    "etcdPeer",
    "apiserver",
    "controllerManager",
    "scheduler",
    "kwok",
  ] as const);
  if (apiserverPort === undefined) return free;
  await assertPortFree(apiserverPort, "the kube-apiserver port", "set LOCKSTEP_CLUSTER_PORT to a free port");
  return { ...free, apiserver: apiserverPort };
}

async function writeKubeconfigs(layout: ClusterLayout, server: string, pki: Pki): Promise<void> {
  const base = { server, caCert: pki.ca.cert };
  const controllerManager = layout.componentKubeconfigPath("kube-controller-manager");
  const scheduler = layout.componentKubeconfigPath("kube-scheduler");
  await Promise.all([
    writeKubeconfig(layout.kubeconfigPath, { ...base, client: pki.admin, name: "lockstep-local" }),
    writeKubeconfig(controllerManager, { ...base, client: pki.controllerManager, name: "kube-controller-manager" }),
    writeKubeconfig(scheduler, { ...base, client: pki.scheduler, name: "kube-scheduler" }),
  ]);
}

/**
 * Starts the components in dependency order and waits until Deployments can
 * get Ready Pods: etcd healthy → apiserver ready → (controller-manager,
 * scheduler, kwok together) → default ServiceAccount exists and the node is Ready.
 */
async function startComponents(ctx: FlagContext, bins: BinPaths, admin: ApiConnection, started: Daemon[]) {
  const { layout, ports, nodeName } = ctx;
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
  await registerFakeNode(admin, nodeName);
  await wait("the default ServiceAccount (kube-controller-manager)", () => hasDefaultServiceAccount(admin));
  await wait(`node ${nodeName} to become Ready (kwok)`, () => isNodeReady(admin, nodeName));
}

/**
 * Creates a fresh state directory (ports, certificates, kubeconfigs,
 * cluster.json) and starts the cluster in it. On failure, stops what it
 * started and keeps the directory so its logs can be read.
 *
 * @returns the apiserver URL.
 */
export async function launchCluster(layout: ClusterLayout, bins: BinPaths, options: LaunchOptions): Promise<string> {
  const { progress } = options;
  const begun = Date.now();
  const ports = await choosePorts(configuredApiserverPort(options.apiserverPort));
  for (const dir of [layout.logsDir, layout.runDir, layout.etcdDataDir]) await mkdir(dir, { recursive: true, mode: 0o700 });
  const pki = await createPki(layout.pkiDir);
  const server = `https://${loopback}:${ports.apiserver}`;
  await writeKubeconfigs(layout, server, pki);
  const binaries = Object.fromEntries(daemonNames.map((name) => [name, bins[name]])) as Record<DaemonName, string>;
  await writeClusterState(layout, {
    version: 1,
    server,
    ports,
    binaries,
    nodeName: fakeNodeName,
    startedAt: new Date().toISOString(),
  });

  progress(`starting the local cluster in ${layout.dir} (apiserver ${server})...`);
  const ctx: FlagContext = { layout, ports, pki, kwokStagesPath: kwokStagesPath(), nodeName: fakeNodeName };
  const admin = await loadConnection(server, pki.ca.cert, pki.admin);
  const started: Daemon[] = [];
  try {
    await startComponents(ctx, bins, admin, started);
  } catch (error) {
    for (const daemon of [...started].reverse()) await stopProcess(daemon.pid, daemon.spec.binary);
    progress(`start-up failed; the logs stay in ${layout.logsDir} until the next \`up\` or \`down\``);
    throw error;
  }
  progress(`local cluster ready in ${((Date.now() - begun) / 1000).toFixed(1)}s`);
  return server;
}
