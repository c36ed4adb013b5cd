/**
 * `--peers`: after Lockstep's measurements (its server stopped, its namespaces gone), each
 * peer is built if needed, started alone, given the same work, stopped, and its namespaces
 * deleted before the next one starts. Its numbers join Lockstep's figures of the same id.
 */
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { ensurePeerBinaries, kubectl, locatePeerBinaries, peerVersion, startPeer, type PeerKubectl, type PeerName, type PeerRuntime } from "@/tools/peers";
import type { BenchContext } from "../lib/context";
import type { Figure } from "../lib/figures";
import { BENCH_LABEL } from "../lib/namespaces";
import { sleep } from "../lib/stats";
import { argoCdDriver } from "./argocd";
import type { PeerDriver } from "./driver";
import { addPeerResults, cpuFigure, type PeerOutcome } from "./figures";
import { fluxDriver } from "./flux";
import { measureDrift, measureScale, measureSync, type PeerResults, type PeerWork } from "./work";

const DESCRIPTIONS: Record<PeerName, { name: string; note: string }> = {
  argocd: {
    name: "Argo CD (application-controller + repo-server + Redis)",
    note: "Application with automated sync (no self-heal, no prune), Directory source over HTTP; a refresh is the argocd.argoproj.io/refresh: normal annotation (its webhook handler's effect; the API server is not run).",
  },
  flux: {
    name: "Flux (source-controller + kustomize-controller)",
    note: "GitRepository + Kustomization (interval 1m, targetNamespace, no prune); a refresh is the reconcile.fluxcd.io/requestedAt annotation on the source and the Kustomizations.",
  },
};

/** Deletes this run's namespaces that belong to `peer` and waits until they are gone, so the next tool starts on a clean cluster. */
export async function deleteNamespaces(k: PeerKubectl, runId: string, prefix: string, log: (line: string) => void): Promise<void> {
  const list = async () =>
    (await kubectl(k, ["get", "namespaces", "-l", `${BENCH_LABEL}=${runId}`, "-o", "name"]))
      .split("\n")
      .filter((line) => line.startsWith(`namespace/${prefix}`));
  const names = await list();
  if (names.length > 0) await kubectl(k, ["delete", "--wait=false", ...names]);
  const deadline = Date.now() + 15 * 60_000;
  for (let round = 0; ; round++) {
    const left = await list();
    if (left.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${left.length} namespaces starting with ${prefix} were still being deleted after 15 minutes`);
    if (round % 6 === 0) log(`waiting for ${left.length} namespaces (${prefix}…) to be deleted`);
    await sleep(2_000);
  }
}

/** Runs each stage of the work; a failed stage does not stop the next. Answers the first failure's reason. */
async function runWork(work: PeerWork): Promise<string | undefined> {
  let failure: string | undefined;
  for (const stage of [measureSync, measureDrift, measureScale]) {
    try {
      await stage(work);
    } catch (error) {
      const reason = `failed: ${error instanceof Error ? error.message : String(error)}`;
      work.context.log(`${work.driver.runtime.peer}: ${reason}`);
      failure ??= reason;
    }
  }
  return failure;
}

function driverFor(runtime: PeerRuntime, k: PeerKubectl, runId: string): PeerDriver {
  return runtime.peer === "argocd" ? argoCdDriver(runtime, k, runId) : fluxDriver(runtime, k, runId);
}

/** Runs one peer alone; answers its results, or one reason why it did not run. */
async function runPeer(context: BenchContext, peer: PeerName, k: PeerKubectl, isLast: boolean): Promise<{ version: string; results: PeerOutcome }> {
  let runtime: PeerRuntime | undefined;
  let driver: PeerDriver | undefined;
  const workDir = path.join(context.workDir, `peer-${peer}`);
  await mkdir(workDir, { recursive: true });
  try {
    const binaries = (await locatePeerBinaries(peer)) ?? (await ensurePeerBinaries(peer, { onProgress: context.log }));
    runtime = await startPeer(peer, { kubectl: k, binaries, toolsDir: path.dirname(context.kubectl.binary), workDir, log: context.log });
    driver = driverFor(runtime, k, context.runId);
    const results: PeerResults = new Map();
    const failure = await runWork({ context, driver, k, results });
    return { version: runtime.version, results: { results, failure } };
  } catch (error) {
    return { version: await peerVersion(peer), results: `failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    // While the controllers run, so Flux's finalizers are removed.
    await driver?.deleteApps().catch((error: unknown) => context.log(`${peer}: deleting its apps: ${String(error)}`));
    await runtime?.stop();
    if (runtime) await kubectl(k, ["delete", "namespace", runtime.controlNamespace, "--ignore-not-found", "--wait=false"]).catch(() => undefined);
    if (runtime) await cp(runtime.logsDir, path.join(context.options.outDir, "peers", peer), { recursive: true }).catch(() => undefined);
    // The next tool waits for a clean cluster; after the last one, the run's cleanup deletes them without waiting.
    if (!isLast) await deleteNamespaces(k, context.runId, `peer-${peer}-`, context.log).catch((error: unknown) => context.log(`${peer}: ${String(error)}`));
  }
}

/** Runs every selected peer in turn and answers the figures with their numbers added. */
export async function measurePeers(context: BenchContext, figures: Figure[]): Promise<Figure[]> {
  const k: PeerKubectl = { binary: context.kubectl.binary, kubeconfig: context.kubeconfig };
  let out = [...figures, cpuFigure(context.options, context.shared)];
  for (const [index, peer] of context.options.peers.entries()) {
    context.log(`${peer}: measuring (Lockstep stopped, the cluster cleaned)`);
    const { version, results } = await runPeer(context, peer, k, index === context.options.peers.length - 1);
    out = addPeerResults(out, context.options, { peer, version, ...DESCRIPTIONS[peer] }, results);
  }
  return out;
}
