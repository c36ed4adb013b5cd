/**
 * The scale fixture, built once per run and shared by the scale and fan-out measurements:
 * `--apps` apps of `--objects-per-app` objects each, one directory (one multi-document file)
 * per app in a single repository, each app in its own namespace, all created and synced
 * through Lockstep's API.
 */
import { createBenchRepo, type BenchContext, type BenchRepo } from "../lib/context";
import { mapWithLimit, timed } from "../lib/stats";
import { workloadDocument } from "../lib/workload";

/** How many API calls the fixture makes at once; the reconciler's default concurrency. */
export const SCALE_CONCURRENCY = 4;

/** The apps of the scale fixture. */
export interface ScaleFixture {
  apps: string[];
  repo: BenchRepo;
  /** The search string (`q`) that lists exactly the fixture's apps. */
  namePrefix: string;
  /** The file of app `index` in the repository. */
  fileOf(index: number): string;
  /** Wall-clock time to create every app, and to sync every app. */
  createMs: number;
  syncMs: number;
}

const pad = (i: number) => String(i).padStart(4, "0");

async function buildScaleFixture(context: BenchContext): Promise<ScaleFixture> {
  const { apps: count, objectsPerApp } = context.options;
  const namePrefix = `sc-${context.runId}-`;
  const fileOf = (i: number) => `apps/app-${pad(i)}/manifests.yaml`;
  const files = Object.fromEntries(Array.from({ length: count }, (_, i) => [fileOf(i), workloadDocument({ prefix: `a${pad(i)}`, count: objectsPerApp })]));
  context.log(`scale: committing ${count} apps × ${objectsPerApp} objects`);
  const repo = await createBenchRepo(context, `scale-${context.runId}`, files);
  const namespaces = Array.from({ length: count }, (_, i) => context.namespaces.nameFor(`sc-${pad(i)}`));
  await context.namespaces.create(namespaces);
  const apps = Array.from({ length: count }, (_, i) => `${namePrefix}${pad(i)}`);

  context.log(`scale: creating ${count} apps`);
  const created = await timed(() =>
    mapWithLimit(apps, SCALE_CONCURRENCY, (name, i) =>
      context.lockstep.createApp({ name, repoUrl: repo.url, path: `apps/app-${pad(i)}`, destNamespace: namespaces[i] as string }),
    ),
  );
  context.log(`scale: syncing ${count} apps`);
  const synced = await timed(() =>
    mapWithLimit(apps, SCALE_CONCURRENCY, async (name, i) => {
      await context.lockstep.sync(name);
      if ((i + 1) % 100 === 0) context.log(`scale: synced ${i + 1}/${count}`);
    }),
  );
  return { apps, repo, namePrefix, fileOf, createMs: created.ms, syncMs: synced.ms };
}

/** The run's scale fixture, built on first use; a failure is remembered, not retried. */
export function scaleFixture(context: BenchContext): Promise<ScaleFixture> {
  const existing = context.shared.get("scale-fixture") as Promise<ScaleFixture> | undefined;
  if (existing) return existing;
  const building = buildScaleFixture(context);
  context.shared.set("scale-fixture", building);
  return building;
}
