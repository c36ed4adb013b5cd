/**
 * Sync of one app with N objects into an empty namespace, then a re-sync after 10% changed:
 * Lockstep's sync API against `kubectl apply --server-side`, each in its own fresh namespace.
 */
import path from "node:path";
import { createBenchRepo, type BenchContext, type Measurement } from "../lib/context";
import { measured, type Figure, type FigureSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { timed } from "../lib/stats";
import { workloadFiles, writeWorkloadDir } from "../lib/workload";

const METHOD =
  "POST /api/apps/<app>/sync on the production server: HTTP round trip of the whole operation (fresh comparison, ordered server-side apply of what differs, history row, comparison after)";

const emptySpec = (n: number): FigureSpec => ({
  id: `sync.empty.n${n}`,
  group: "sync",
  title: `Sync of ${n} objects into an empty namespace`,
  unit: "ms",
  method: METHOD,
  peer: { name: "kubectl apply --server-side -f <dir>", kind: "measured", note: "same manifests, its own fresh namespace" },
});

const resyncSpec = (n: number): FigureSpec => ({
  id: `sync.resync10.n${n}`,
  group: "sync",
  title: `Re-sync of ${n} objects after 10% changed`,
  unit: "ms",
  method: METHOD,
  peer: { name: "kubectl apply --server-side -f <dir>", kind: "measured", note: "same changed manifests, applied over its own earlier apply" },
});

interface RoundTimes {
  empty: [number, number];
  resync: [number, number];
  notes: string[];
}

function summarize(actions: { action: string }[]): string {
  const counts = new Map<string, number>();
  for (const { action } of actions) counts.set(action, (counts.get(action) ?? 0) + 1);
  return [...counts].map(([action, count]) => `${count} ${action}`).join(", ");
}

/** One round: a fresh app and two fresh namespaces, from empty then 10% changed. */
async function syncRound(context: BenchContext, n: number, round: number): Promise<RoundTimes> {
  const { lockstep, kubectl, namespaces } = context;
  const ours = namespaces.nameFor(`sync-${n}-${round}-l`);
  const theirs = namespaces.nameFor(`sync-${n}-${round}-k`);
  await namespaces.create([ours, theirs]);
  const repo = await createBenchRepo(context, `sync-${context.runId}-${n}-${round}`, workloadFiles("manifests", { prefix: "s", count: n }));
  const name = `bs-${context.runId}-${n}-${round}`;
  await lockstep.createApp({ name, repoUrl: repo.url, path: "manifests", destNamespace: ours });
  const base = await writeWorkloadDir(path.join(context.workDir, `sync-${n}-${round}-v1`), { prefix: "s", count: n });
  const changed = await writeWorkloadDir(path.join(context.workDir, `sync-${n}-${round}-v2`), { prefix: "s", count: n, variant: 2 });
  const apply = (dir: string) => kubectl.check(["apply", "--server-side", "-n", theirs, "-f", dir]);
  await kubectl.check(["apply", "--server-side", "--dry-run=server", "-n", theirs, "-f", base]);

  const oursFirst = round % 2 === 0;
  const pair = async (runOurs: () => Promise<number>, runTheirs: () => Promise<number>): Promise<[number, number]> => {
    if (oursFirst) return [await runOurs(), await runTheirs()];
    const t = await runTheirs();
    return [await runOurs(), t];
  };
  const notes: string[] = [];
  const empty = await pair(
    async () => {
      const { result, ms } = await timed(() => lockstep.sync(name));
      notes.push(`from empty, ${n} objects: Lockstep ${summarize(result.results)}`);
      return ms;
    },
    async () => (await apply(base)).ms,
  );
  await repo.commit(workloadFiles("manifests", { prefix: "s", count: n, variant: 2 }), "Change 10% of the objects");
  const resync = await pair(
    async () => {
      const { result, ms } = await timed(() => lockstep.sync(name));
      notes.push(`re-sync, ${n} objects: Lockstep ${summarize(result.results)}`);
      return ms;
    },
    async () => (await apply(changed)).ms,
  );
  await lockstep.raw("DELETE", `/api/apps/${name}`);
  await namespaces.delete([ours, theirs]);
  return { empty, resync, notes };
}

/** The sync measurement: from empty and 10%-changed re-sync, per size. */
export const syncMeasurement: Measurement = {
  id: "sync",
  title: "Sync of one app (from empty; re-sync with 10% changed)",
  requires: [],
  figures: (options: BenchOptions) => options.sizes.flatMap((n) => [emptySpec(n), resyncSpec(n)]),
  async run(context, record: (figure: Figure) => void) {
    for (const n of context.options.sizes) {
      const rounds: RoundTimes[] = [];
      for (let round = 0; round < context.options.repeat; round++) {
        context.log(`sync: ${n} objects, round ${round + 1}/${context.options.repeat}`);
        rounds.push(await syncRound(context, n, round));
      }
      const notes = [...new Set(rounds.flatMap((r) => r.notes))];
      record(measured(emptySpec(n), rounds.map((r) => r.empty[0]), { peerSamples: rounds.map((r) => r.empty[1]), notes: notes.filter((x) => x.startsWith("from empty")) }));
      record(measured(resyncSpec(n), rounds.map((r) => r.resync[0]), { peerSamples: rounds.map((r) => r.resync[1]), notes: notes.filter((x) => x.startsWith("re-sync")) }));
    }
  },
};
