/**
 * A full refresh of every app of the scale fixture: each compared with Git and the cluster
 * again, through the API, as many at once as the reconciler refreshes.
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
  method: `POST /api/apps/<app>/refresh for every app, ${SCALE_CONCURRENCY} at a time (the reconciler's concurrency); wall-clock total`,
  peer: null,
});

/** Full-refresh time at scale. */
export const scaleRefreshMeasurement: Measurement = {
  id: "scale-refresh",
  title: "Scale: full refresh of every app",
  requires: [],
  figures: (options) => [spec(options)],
  async run(context, record) {
    const fixture = await syncedScaleFixture(context);
    context.log(`scale-refresh: refreshing ${fixture.apps.length} apps`);
    const { result, ms } = await timed(() => mapWithLimit(fixture.apps, SCALE_CONCURRENCY, (name) => context.lockstep.refresh(name)));
    const synced = result.filter((app) => app.status.syncStatus === "Synced").length;
    record(measured(spec(context.options), [ms], { notes: [`${synced} of ${result.length} apps Synced after the refresh`] }));
  },
};
