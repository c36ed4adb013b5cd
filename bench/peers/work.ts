/**
 * The work every GitOps peer is given, the same as Lockstep's: one app synced from empty and
 * re-synced after 10% changed, drift from a kubectl change, and the scale run (create, full
 * refresh, one push changing every app) with the peer's memory and CPU time.
 */
import type { PeerKubectl } from "@/tools/peers";
import { kubectl } from "@/tools/peers";
import { createBenchRepo, type BenchContext } from "../lib/context";
import { BENCH_LABEL } from "../lib/namespaces";
import { readTreeMemory } from "../lib/process-memory";
import { readTreesCpuMs } from "../lib/process-cpu";
import { sleep } from "../lib/stats";
import { workloadDocument, workloadFiles } from "../lib/workload";
import type { PeerDriver } from "./driver";
import { waitForApps } from "./wait";

/** What one peer measured, by figure id: samples, or a value, plus notes. */
export type PeerResults = Map<string, { samples?: number[]; value?: number; notes?: string[]; unavailable?: string }>;

/** Everything the work needs. */
export interface PeerWork {
  context: BenchContext;
  driver: PeerDriver;
  k: PeerKubectl;
  /** Records one figure's result as soon as it is known. */
  results: PeerResults;
}

const pad = (i: number) => String(i).padStart(4, "0");

/** A namespace of this run and peer: `peer-<peer>-<run>-<suffix>`, labelled with the run so the run's cleanup deletes it. */
function namespaceFor(work: PeerWork, suffix: string): string {
  return `peer-${work.driver.runtime.peer}-${work.context.runId}-${suffix}`.toLowerCase().slice(0, 63).replace(/-+$/, "");
}

async function createNamespaces(work: PeerWork, names: string[]): Promise<void> {
  const docs = names.map((name) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    ${BENCH_LABEL}: "${work.context.runId}"\n`);
  await kubectl(work.k, ["apply", "--server-side", "-f", "-"], docs.join("---\n"));
}

async function countObjects(work: PeerWork, namespace: string, prefix: string): Promise<number> {
  const out = await kubectl(work.k, ["get", "deployments,services,configmaps", "-n", namespace, "-o", "name"]);
  return out.split("\n").filter((line) => line.split("/")[1]?.startsWith(`${prefix}-`)).length;
}

/** First sync of one app of `n` objects, then its re-sync after 10% changed; [first, resync] in ms. */
async function syncRound(work: PeerWork, n: number, round: number): Promise<[number, number]> {
  const { context, driver } = work;
  const peer = driver.runtime.peer;
  const namespace = namespaceFor(work, `sync-${n}-${round}`);
  await createNamespaces(work, [namespace]);
  const repo = await createBenchRepo(context, `peer-${peer}-${context.runId}-${n}-${round}`, workloadFiles("manifests", { prefix: "s", count: n }));
  const name = `ps-${context.runId}-${n}-${round}`;
  const timeoutMs = 120_000 + n * 1_000;
  const start = performance.now();
  await driver.createApps([{ name, repoUrl: repo.url, path: "manifests", namespace }]);
  const synced = await waitForApps(driver, [name], (s) => s.synced && s.revision === repo.head, { what: `Synced at ${repo.head.slice(0, 7)}`, timeoutMs });
  const first = synced - start;
  const count = await countObjects(work, namespace, "s");
  if (count !== n) throw new Error(`${peer} reported ${name} Synced with ${count} of ${n} objects in ${namespace}`);

  const sha = await repo.commit(workloadFiles("manifests", { prefix: "s", count: n, variant: 2 }), "Change 10% of the objects");
  const again = performance.now();
  await driver.refresh([name]);
  const resynced = await waitForApps(driver, [name], (s) => s.synced && s.revision === sha, { what: `Synced at ${sha.slice(0, 7)}`, timeoutMs });
  return [first, resynced - again];
}

/** The one-app figures at every size of the run. */
export async function measureSync(work: PeerWork): Promise<void> {
  const { options } = work.context;
  for (const n of options.sizes) {
    const rounds: [number, number][] = [];
    for (let round = 0; round < options.repeat; round++) {
      work.context.log(`${work.driver.runtime.peer}: sync of ${n} objects, round ${round + 1}/${options.repeat}`);
      rounds.push(await syncRound(work, n, round));
    }
    work.results.set(`sync.empty.n${n}`, { samples: rounds.map((r) => r[0]), notes: ["from creating the app object (automated sync) until it reports Synced/Ready at the head commit with every object present; polled every 200 ms through kubectl"] });
    work.results.set(`sync.resync10.n${n}`, { samples: rounds.map((r) => r[1]), notes: [`from the commit's refresh (${work.driver.refreshMethod}) until Synced/Ready at the new commit`] });
  }
}

/**
 * Drift from a kubectl change to a ConfigMap of a three-object app: until OutOfSync for a peer
 * that reports drift; for Flux, which does not, until it has put the field back (its interval: 1 minute).
 */
export async function measureDrift(work: PeerWork): Promise<void> {
  const { context, driver } = work;
  const peer = driver.runtime.peer;
  const namespace = namespaceFor(work, "drift");
  await createNamespaces(work, [namespace]);
  const repo = await createBenchRepo(context, `peer-${peer}-${context.runId}-drift`, workloadFiles("manifests", { prefix: "live", count: 3 }));
  const name = `pd-${context.runId}`;
  await driver.createApps([{ name, repoUrl: repo.url, path: "manifests", namespace }]);
  await waitForApps(driver, [name], (s) => s.synced && s.revision === repo.head, { what: "Synced", timeoutMs: 180_000 });
  const trials = driver.reportsDrift ? context.options.detectionTrials : Math.min(context.options.detectionTrials, 3);
  const samples: number[] = [];
  const readRelease = async () => (JSON.parse(await kubectl(work.k, ["get", "configmap", "live-0002", "-n", namespace, "-o", "json"])) as { data?: { release?: string } }).data?.release;
  for (let trial = 0; trial < trials; trial++) {
    context.log(`${peer}: drift, trial ${trial + 1}/${trials}`);
    await kubectl(work.k, ["patch", "configmap", "live-0002", "-n", namespace, "--type", "merge", "-p", JSON.stringify({ data: { release: `drift-${trial}` } })]);
    const start = performance.now();
    const deadline = start + (driver.reportsDrift ? 180_000 : 240_000);
    for (;;) {
      const seen = driver.reportsDrift ? await driver.isOutOfSync(name) : (await readRelease()) === "1";
      if (seen) break;
      if (performance.now() > deadline) throw new Error(`${peer}: trial ${trial + 1}: the kubectl change was not ${driver.reportsDrift ? "reported" : "corrected"} in ${Math.round((deadline - start) / 1000)} s`);
      await sleep(100);
    }
    samples.push(performance.now() - start);
    if (driver.reportsDrift) {
      await kubectl(work.k, ["patch", "configmap", "live-0002", "-n", namespace, "--type", "merge", "-p", JSON.stringify({ data: { release: "1" } })]);
      await waitForApps(driver, [name], (s) => s.synced, { what: "Synced again", timeoutMs: 180_000 });
    }
  }
  const notes = driver.reportsDrift
    ? [`${samples.length} trials on a 3-object app: kubectl patch of a ConfigMap until the Application reports OutOfSync (polled every 100 ms through kubectl)`]
    : [`Flux does not report drift: ${samples.length} trials measure its correction instead — kubectl patch of a ConfigMap until kustomize-controller has put it back, at the Kustomization's 1-minute interval`];
  work.results.set("detect.live-change", { samples, notes });
}

/**
 * The scale run: `--apps` apps of `--objects-per-app` objects in one repository, each in its own
 * namespace. Times: all Synced after creation, a full refresh, one push changing every app until
 * all are compared at it; then the memory of the peer's processes and their CPU time for the run.
 */
export async function measureScale(work: PeerWork): Promise<void> {
  const { context, driver } = work;
  const { apps: count, objectsPerApp } = context.options;
  const peer = driver.runtime.peer;
  const fileOf = (i: number) => `apps/app-${pad(i)}/manifests.yaml`;
  const files = Object.fromEntries(Array.from({ length: count }, (_, i) => [fileOf(i), workloadDocument({ prefix: `a${pad(i)}`, count: objectsPerApp })]));
  const repo = await createBenchRepo(context, `peer-${peer}-${context.runId}-scale`, files);
  const namespaces = Array.from({ length: count }, (_, i) => namespaceFor(work, `sc-${pad(i)}`));
  await createNamespaces(work, namespaces);
  const names = Array.from({ length: count }, (_, i) => `psc-${context.runId}-${pad(i)}`);
  const pids = driver.runtime.processes.map((p) => p.pid);
  const timeoutMs = Math.max(300_000, count * 3_000);
  const wait = { timeoutMs, intervalMs: 1_000, log: context.log };

  const cpuStart = await readTreesCpuMs(pids);
  context.log(`${peer}: scale, creating ${count} apps × ${objectsPerApp} objects`);
  const created = performance.now();
  await driver.createApps(names.map((name, i) => ({ name, repoUrl: repo.url, path: `apps/app-${pad(i)}`, namespace: namespaces[i] as string })), { shareSource: true });
  const allSynced = await waitForApps(driver, names, (s) => s.synced && s.revision === repo.head, { ...wait, what: "Synced" });
  work.results.set("scale.sync-all", { samples: [allSynced - created], notes: ["from creating every app object until all report Synced/Ready at the head commit: creation included, so compare with Lockstep's create plus sync-all"] });

  const refreshStart = performance.now();
  await driver.refresh(names);
  const refreshed = await waitForApps(driver, names, (s) => s.refreshed, { ...wait, what: "refreshed" });
  work.results.set("scale.full-refresh", { samples: [refreshed - refreshStart], notes: [`every app refreshed by ${work.driver.refreshMethod}, until each has handled it`] });
  const memory = await Promise.all(pids.map(readTreeMemory));
  work.results.set("scale.memory", {
    value: memory.reduce((sum, m) => sum + m.rssBytes, 0) / 1024 / 1024,
    notes: [`resident memory of ${driver.runtime.processes.map((p) => p.spec.name).join(" + ")} after the full refresh at ${count} apps`],
  });

  const changed = Object.fromEntries(Array.from({ length: count }, (_, i) => [fileOf(i), workloadDocument({ prefix: `a${pad(i)}`, count: objectsPerApp, variant: 2 })]));
  const sha = await repo.commit(changed, "Change every app");
  const pushStart = performance.now();
  await driver.refresh(names);
  const compared = await waitForApps(driver, names, (s) => s.revision === sha, { ...wait, what: `compared at ${sha.slice(0, 7)}` });
  work.results.set("fanout.all-refreshed", { samples: [compared - pushStart], notes: [`refresh asked for by ${driver.refreshMethod}`] });
  work.results.set("peers.scale-cpu", { value: (await readTreesCpuMs(pids)) - cpuStart, notes: ["CPU time (utime + stime, children included) from creating the apps until all were compared at the pushed commit"] });
}
