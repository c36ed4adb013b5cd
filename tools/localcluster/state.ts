import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The long-running components of the local cluster, in start order. */
export const daemonNames = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok"] as const;

/** One long-running component. */
export type DaemonName = (typeof daemonNames)[number];

/** Where everything of one cluster lives inside its state directory. */
export interface ClusterLayout {
  dir: string;
  /** Admin kubeconfig, for people and tests. */
  kubeconfigPath: string;
  /** {@link ClusterState} as JSON. */
  statePath: string;
  pkiDir: string;
  logsDir: string;
  runDir: string;
  etcdDataDir: string;
  /** `<name>.log` per component. */
  logPath(name: DaemonName): string;
  /** `<name>.pid` per component. */
  pidPath(name: DaemonName): string;
  /** Kubeconfig a component authenticates with. */
  componentKubeconfigPath(name: "kube-controller-manager" | "kube-scheduler"): string;
}

/** Lays out a cluster state directory. */
export function clusterLayout(dir: string): ClusterLayout {
  const pkiDir = join(dir, "pki");
  const logsDir = join(dir, "logs");
  const runDir = join(dir, "run");
  return {
    dir,
    kubeconfigPath: join(dir, "kubeconfig"),
    statePath: join(dir, "cluster.json"),
    pkiDir,
    logsDir,
    runDir,
    etcdDataDir: join(dir, "etcd-data"),
    logPath: (name) => join(logsDir, `${name}.log`),
    pidPath: (name) => join(runDir, `${name}.pid`),
    componentKubeconfigPath: (name) => join(pkiDir, `${name}.kubeconfig`),
  };
}

/** Loopback ports of one cluster. */
export interface ClusterPorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
  scheduler: number;
  kwok: number;
}

/**
 * What `up` records before starting anything, so `status` and `down` (even
 * after a crash) know which binaries and ports belong to this cluster.
 */
export interface ClusterState {
  version: 1;
  /** The apiserver URL. */
  server: string;
  ports: ClusterPorts;
  /** Binary path per component, used to verify PIDs before signalling them. */
  binaries: Record<DaemonName, string>;
  /** The fake node kwok manages. */
  nodeName: string;
  startedAt: string;
}

/** Reads the state file; undefined when missing or unreadable. */
export async function readClusterState(layout: ClusterLayout): Promise<ClusterState | undefined> {
  try {
    const state = JSON.parse(await readFile(layout.statePath, "utf8")) as ClusterState;
    return state.version === 1 ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the state file. */
export async function writeClusterState(layout: ClusterLayout, state: ClusterState): Promise<void> {
  await writeFile(layout.statePath, `${JSON.stringify(state, null, 2)}\n`);
}
