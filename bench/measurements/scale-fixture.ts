/**
 * The scale fixture, built once per run and shared by the scale and fan-out measurements:
 * `--apps` apps of `--objects-per-app` objects each, one directory (one multi-document file)
 * per app in a single repository, each app in its own namespace, all created (and, when a
 * measurement needs it, synced) through Lockstep's API.
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
  /** Wall-clock time to create every app. */
  createMs: number;
}

/** The scale fixture once every app was synced. */
export interface SyncedScaleFixture extends ScaleFixture {
  /** Wall-clock time to sync every app. */
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
  return { apps, repo, namePrefix, fileOf, createMs: created.ms };
}

async function syncScaleFixture(context: BenchContext, fixture: ScaleFixture): Promise<SyncedScaleFixture> {
  context.log(`scale: syncing ${fixture.apps.length} apps`);
  let done = 0;
  const synced = await timed(() =>
    mapWithLimit(fixture.apps, SCALE_CONCURRENCY, async (name) => {
      await context.lockstep.sync(name);
      if (++done % 100 === 0) context.log(`scale: synced ${done}/${fixture.apps.length}`);
    }),
  );
  return { ...fixture, syncMs: synced.ms };
}

/** Computes `build` once per run under `key`; a failure is remembered, not retried. */
function once<T>(context: BenchContext, key: string, build: () => Promise<T>): Promise<T> {
  const existing = context.shared.get(key) as Promise<T> | undefined;
  if (existing) return existing;
  const building = build();
  context.shared.set(key, building);
  return building;
}

/** The run's scale fixture with every app created (not necessarily synced), built on first use. */
export function scaleFixture(context: BenchContext): Promise<ScaleFixture> {
  return once(context, "scale-fixture", () => buildScaleFixture(context));
}

/** The run's scale fixture with every app created and synced, built on first use. */
export function syncedScaleFixture(context: BenchContext): Promise<SyncedScaleFixture> {
  return once(context, "scale-fixture-synced", async () => syncScaleFixture(context, await scaleFixture(context)));
}
