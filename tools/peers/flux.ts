/**
 * Flux as its controllers run in a cluster, here outside it against the local control plane:
 * source-controller (artifacts stored in the work directory and served on a loopback port it
 * advertises) and kustomize-controller, without leader election, watching only the `peer-flux`
 * namespace, with their CRDs from each module's config/crd/bases.
 */
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { pickFreePorts } from "../localcluster/ports";
import { applyCrds, goModuleDir, kubectl } from "./kube";
import { answersOk, startPeerProcess, stopPeerProcesses, waitUntil, type PeerProcess } from "./process";
import { PEER_NAMESPACE_PREFIX, type PeerRuntime, type StartPeerOptions } from "./runtime";
import { peersDir, peerVersion } from "./versions";

/** The namespace of Flux's own objects (GitRepositories, Kustomizations). */
export const FLUX_NAMESPACE = `${PEER_NAMESPACE_PREFIX}flux`;

async function crdFiles(component: "source-controller" | "kustomize-controller"): Promise<string[]> {
  const dir = join(await goModuleDir(join(peersDir, component), `github.com/fluxcd/${component}`), "config", "crd", "bases");
  return (await readdir(dir)).filter((f) => f.endsWith(".yaml")).map((f) => join(dir, f));
}

/**
 * Starts Flux: CRDs and the namespace, then source-controller and kustomize-controller on free
 * loopback ports; resolves when both answer their readiness probes.
 *
 * @throws PeerError naming the controller and its log when one exits or does not answer in time.
 */
export async function startFlux(options: StartPeerOptions): Promise<PeerRuntime> {
  const { kubectl: k, workDir } = options;
  const logsDir = join(workDir, "logs");
  const storage = join(workDir, "artifacts");
  await Promise.all([logsDir, storage, join(workDir, "tmp")].map((d) => mkdir(d, { recursive: true })));
  options.log("flux: applying CRDs and the control namespace");
  await applyCrds(k, [...(await crdFiles("source-controller")), ...(await crdFiles("kustomize-controller"))]);
  await kubectl(k, ["apply", "--server-side", "-f", "-"], `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${FLUX_NAMESPACE}\n`);

  const ports = await pickFreePorts(["storage", "sourceMetrics", "sourceHealth", "kustomizeMetrics", "kustomizeHealth"] as const);
  const env = { KUBECONFIG: k.kubeconfig, RUNTIME_NAMESPACE: FLUX_NAMESPACE, TMPDIR: join(workDir, "tmp") };
  const common = ["--enable-leader-election=false", "--watch-all-namespaces=false", "--log-level=info"];
  const processes: PeerProcess[] = [];
  const stop = () => stopPeerProcesses(processes);
  try {
    options.log("flux: starting source-controller and kustomize-controller");
    processes.push(
      await startPeerProcess({
        name: "source-controller",
        binary: options.binaries["source-controller"] as string,
        args: [
          ...common, `--metrics-addr=127.0.0.1:${ports.sourceMetrics}`, `--health-addr=127.0.0.1:${ports.sourceHealth}`,
          `--storage-path=${storage}`, `--storage-addr=127.0.0.1:${ports.storage}`, `--storage-adv-addr=127.0.0.1:${ports.storage}`,
        ],
        env,
        cwd: workDir,
        logPath: join(logsDir, "source-controller.log"),
      }),
    );
    processes.push(
      await startPeerProcess({
        name: "kustomize-controller",
        binary: options.binaries["kustomize-controller"] as string,
        args: [...common, `--metrics-addr=127.0.0.1:${ports.kustomizeMetrics}`, `--health-addr=127.0.0.1:${ports.kustomizeHealth}`, "--no-remote-bases=true"],
        env,
        cwd: workDir,
        logPath: join(logsDir, "kustomize-controller.log"),
      }),
    );
    const wait = { timeoutMs: 120_000, watch: processes };
    await waitUntil("source-controller's readiness", () => answersOk(`http://127.0.0.1:${ports.sourceHealth}/readyz`), wait);
    await waitUntil("kustomize-controller's readiness", () => answersOk(`http://127.0.0.1:${ports.kustomizeHealth}/readyz`), wait);
  } catch (error) {
    await stop();
    throw error;
  }
  return { peer: "flux", version: await peerVersion("flux"), controlNamespace: FLUX_NAMESPACE, processes, logsDir, stop };
}
