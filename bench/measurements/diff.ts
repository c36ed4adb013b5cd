/**
 * Diff of one app with N objects, warm, 10% of them changed in Git: Lockstep's diff API
 * against `kubectl diff --server-side` on the same manifests and the same live objects.
 */
import path from "node:path";
import { createBenchRepo, type Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { timed } from "../lib/stats";
import { workloadFiles, writeWorkloadDir } from "../lib/workload";

const spec = (n: number): FigureSpec => ({
  id: `diff.n${n}`,
  group: "diff",
  title: `Diff of one app, ${n} objects, warm, 10% changed`,
  unit: "ms",
  method:
    "GET /api/apps/<app>/diff?refresh=true on the production server (next start): HTTP round trip including the Git revision check, render, server-side dry runs, comparison and JSON",
  peer: { name: "kubectl diff --server-side --force-conflicts -f <dir>", kind: "measured", note: "same manifests, same namespace and live objects, one kubectl process per run" },
});

/** The diff measurement, one figure per size. */
export const diffMeasurement: Measurement = {
  id: "diff",
  title: "Diff of one app (warm)",
  requires: [],
  figures: (options: BenchOptions) => options.sizes.map(spec),
  async run(context, record) {
    const { lockstep, kubectl, namespaces, options } = context;
    for (const n of options.sizes) {
      context.log(`diff: preparing ${n} objects`);
      const namespace = namespaces.nameFor(`diff-${n}`);
      await namespaces.create([namespace]);
      const repo = await createBenchRepo(context, `diff-${context.runId}-${n}`, workloadFiles("manifests", { prefix: "d", count: n }));
      const name = `bd-${context.runId}-${n}`;
      await lockstep.createApp({ name, repoUrl: repo.url, path: "manifests", destNamespace: namespace });
      await lockstep.sync(name);
      await repo.commit(workloadFiles("manifests", { prefix: "d", count: n, variant: 2 }), "Change 10% of the objects");
      const dir = await writeWorkloadDir(path.join(context.workDir, `diff-${n}`), { prefix: "d", count: n, variant: 2 });
      const kubectlDiff = () => kubectl.check(["diff", "--server-side", "--force-conflicts", "-n", namespace, "-f", dir], { okCodes: [0, 1] });

      const warmDiff = await lockstep.diff(name);
      const warmKubectl = await kubectlDiff();
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let r = 0; r < options.repeat; r++) {
        context.log(`diff: ${n} objects, run ${r + 1}/${options.repeat}`);
        const runOurs = async () => ours.push((await timed(() => lockstep.diff(name))).ms);
        const runTheirs = async () => theirs.push((await kubectlDiff()).ms);
        if (r % 2 === 0) await runOurs().then(runTheirs);
        else await runTheirs().then(runOurs);
      }
      const changed = warmDiff.resources.filter((resource) => resource.status === "OutOfSync").length;
      record(
        measured(spec(n), ours, {
          peerSamples: theirs,
          notes: [
            `Lockstep reported ${warmDiff.syncStatus} with ${changed} of ${warmDiff.resources.length} resources changed`,
            `kubectl diff exited ${warmKubectl.code} (1 = differences found)`,
          ],
        }),
      );
      await lockstep.raw("DELETE", `/api/apps/${name}`);
      await namespaces.delete([namespace]);
    }
  },
};
