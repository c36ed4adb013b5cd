/**
 * A small synced app (a Deployment, a Service and a ConfigMap) on its own repository and
 * namespace, for the latency measurements.
 */
import { createBenchRepo, type BenchContext, type BenchRepo } from "../lib/context";
import { workloadFiles } from "../lib/workload";

/** A synced three-object app. */
export interface SmallApp {
  name: string;
  namespace: string;
  repo: BenchRepo;
  /** Deletes the app (not its objects) and its namespace. */
  remove(): Promise<void>;
}

/** Creates and syncs a three-object app named `<label>-<run>`. */
export async function createSmallApp(context: BenchContext, label: string): Promise<SmallApp> {
  const namespace = context.namespaces.nameFor(label);
  await context.namespaces.create([namespace]);
  const repo = await createBenchRepo(context, `${label}-${context.runId}`, workloadFiles("manifests", { prefix: label, count: 3 }));
  const name = `${label}-${context.runId}`;
  await context.lockstep.createApp({ name, repoUrl: repo.url, path: "manifests", destNamespace: namespace });
  await context.lockstep.sync(name);
  return {
    name,
    namespace,
    repo,
    async remove() {
      await context.lockstep.raw("DELETE", `/api/apps/${name}`);
      await context.namespaces.delete([namespace]);
    },
  };
}
