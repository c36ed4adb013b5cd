import { access } from "node:fs/promises";
import { loadConnection } from "./api";
import { pkiPaths } from "./pki";
import { loopback } from "./ports";
import { probeApiserver, probeComponent, type Probe } from "./probes";
import { isProcessOf, readPidFile } from "./process";
import { daemonNames, readClusterState, type ClusterLayout, type ClusterState, type DaemonName } from "./state";

/** One component's process. */
export interface ProcessStatus {
  name: DaemonName;
  /** From its PID file, when there is one. */
  pid?: number;
  /** True when the PID is alive and still runs the recorded binary. */
  running: boolean;
  /** `/healthz` of kube-controller-manager and kube-scheduler, when running. */
  health?: Probe;
  logPath: string;
}

/** What `status` reports. */
export interface ClusterStatus {
  /**
   * `running`: every component runs and the apiserver is ready.
   * `stale`: a state directory exists but the cluster is dead or half alive (`up` cleans it up).
   * `stopped`: no state directory.
   */
  phase: "running" | "stale" | "stopped";
  dir: string;
  kubeconfigPath: string;
  /** The recorded state, unless missing or unreadable. */
  state?: ClusterState;
  processes: ProcessStatus[];
  /** The apiserver's `/readyz`, when its process runs. */
  apiserver?: Probe;
  /** One line explaining the phase. */
  summary: string;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function inspectProcess(layout: ClusterLayout, state: ClusterState | undefined, name: DaemonName) {
  const pid = await readPidFile(layout.pidPath(name));
  const running = pid !== undefined && state !== undefined && (await isProcessOf(pid, state.binaries[name]));
  return { name, pid, running, logPath: layout.logPath(name) } satisfies ProcessStatus;
}

function componentPort(state: ClusterState, name: DaemonName): number | undefined {
  if (name === "kube-controller-manager") return state.ports.controllerManager;
  if (name === "kube-scheduler") return state.ports.scheduler;
  return undefined;
}

function summarize(status: Omit<ClusterStatus, "phase" | "summary">): { phase: ClusterStatus["phase"]; summary: string } {
  if (!status.state) return { phase: "stale", summary: "cluster.json is missing or unreadable" };
  const dead = status.processes.filter((p) => !p.running).map((p) => p.name);
  if (dead.length > 0) return { phase: "stale", summary: `not running: ${dead.join(", ")}` };
  if (!status.apiserver?.ok) return { phase: "stale", summary: `apiserver not ready: ${status.apiserver?.detail}` };
  return { phase: "running", summary: `running at ${status.state.server}` };
}

/** Looks at a state directory: which recorded processes still run and whether the apiserver is ready. */
export async function inspectCluster(layout: ClusterLayout): Promise<ClusterStatus> {
  const base = { dir: layout.dir, kubeconfigPath: layout.kubeconfigPath };
  if (!(await exists(layout.dir))) return { ...base, phase: "stopped", processes: [], summary: "not started" };

  const state = await readClusterState(layout);
  const processes: ProcessStatus[] = await Promise.all(daemonNames.map((name) => inspectProcess(layout, state, name)));
  let apiserver: Probe | undefined;
  if (state) {
    const pki = pkiPaths(layout.pkiDir);
    const admin = await loadConnection(state.server, pki.ca.cert, pki.admin).catch(() => undefined);
    if (admin && processes.some((p) => p.name === "kube-apiserver" && p.running)) apiserver = await probeApiserver(admin);
    for (const component of processes) {
      const port = componentPort(state, component.name);
      if (admin && port !== undefined && component.running) {
        component.health = await probeComponent({ server: `https://${loopback}:${port}`, ca: admin.ca });
      }
    }
  }
  const status = { ...base, state, processes, apiserver };
  return { ...status, ...summarize(status) };
}
