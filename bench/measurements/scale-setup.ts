/**
 * Setting up the scale fixture through the API: creating every app (each is compared at
 * once) and syncing every app, `SCALE_CONCURRENCY` calls at a time.
 */
import type { Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { SCALE_CONCURRENCY, syncedScaleFixture } from "./scale-fixture";

const createSpec = (o: BenchOptions): FigureSpec => ({
  id: "scale.create",
  group: "scale-setup",
  title: `Create ${o.apps} apps × ${o.objectsPerApp} objects (each compared on creation)`,
  unit: "ms",
  method: `POST /api/apps for every app, ${SCALE_CONCURRENCY} at a time; wall-clock total`,
  peer: null,
});

const syncSpec = (o: BenchOptions): FigureSpec => ({
  id: "scale.sync-all",
  group: "scale-setup",
  title: `Sync ${o.apps} apps × ${o.objectsPerApp} objects from empty`,
  unit: "ms",
  method: `POST /api/apps/<app>/sync for every app, ${SCALE_CONCURRENCY} at a time; wall-clock total`,
  peer: null,
});

/** The scale fixture's setup times. */
export const scaleSetupMeasurement: Measurement = {
  id: "scale-setup",
  title: "Scale: create and sync every app",
  requires: [],
  figures: (options) => [createSpec(options), syncSpec(options)],
  async run(context, record) {
    const fixture = await syncedScaleFixture(context);
    record(measured(createSpec(context.options), [fixture.createMs]));
    record(measured(syncSpec(context.options), [fixture.syncMs]));
  },
};
