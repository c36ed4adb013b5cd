/**
 * A full refresh of every app of the scale fixture: each compared with Git and the cluster
 * again, through the API — once as one request for all of them (`POST /api/refresh`, one
 * `ls-remote` for the shared repository, as a reconciler cycle), once app by app as a script
 * calling the per-app refresh would, as many at once as the reconciler refreshes.
 */
import type { Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { mapWithLimit, timed } from "../lib/stats";
import { SCALE_CONCURRENCY, syncedScaleFixture } from "./scale-fixture";

const spec = (o: BenchOptions): FigureSpec => ({
  id: "scale.full-refresh",
  group: "scale-refresh",
  title: `Full refresh of ${o.apps} apps × ${o.objectsPerApp} objects`,
  unit: "ms",
  method: "one POST /api/refresh naming every app (one cycle: one ls-remote per repository, the reconciler's concurrency); until it answers",
  peer: null,
});

const eachSpec = (o: BenchOptions): FigureSpec => ({
  id: "scale.refresh-each",
  group: "scale-refresh",
  title: `Refresh of ${o.apps} apps one request each`,
  unit: "ms",
  method: `POST /api/apps/<app>/refresh for every app, ${SCALE_CONCURRENCY} at a time; each asks Git again (ls-remote); wall-clock total`,
  peer: null,
});

/** Full-refresh time at scale. */
export const scaleRefreshMeasurement: Measurement = {
  id: "scale-refresh",
  title: "Scale: full refresh of every app",
  requires: [],
  figures: (options) => [spec(options), eachSpec(options)],
  async run(context, record) {
    const fixture = await syncedScaleFixture(context);
    context.log(`scale-refresh: refreshing ${fixture.apps.length} apps in one request`);
    const all = await timed(() => context.lockstep.refreshMany(fixture.apps));
    const synced = all.result.apps.filter((app) => app.syncStatus === "Synced").length;
    const failed = all.result.apps.filter((app) => app.error !== undefined).length;
    context.shared.set("scale.full-refresh-ms", all.ms);
    record(measured(spec(context.options), [all.ms], { notes: [`${synced} of ${all.result.apps.length} apps Synced after the refresh, ${failed} failed`] }));
    context.log(`scale-refresh: refreshing ${fixture.apps.length} apps one request each`);
    const each = await timed(() => mapWithLimit(fixture.apps, SCALE_CONCURRENCY, (name) => context.lockstep.refresh(name)));
    const eachSynced = each.result.filter((app) => app.status.syncStatus === "Synced").length;
    record(measured(eachSpec(context.options), [each.ms], { notes: [`${eachSynced} of ${each.result.length} apps Synced after the refresh`] }));
  },
};
