/**
 * Latency of the app-list API with the scale fixture: pages of 50 (the page size of the
 * Applications page), cycling through every page, one request at a time.
 */
import type { Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { percentile, timed } from "../lib/stats";
import { syncedScaleFixture } from "./scale-fixture";

const PAGE_SIZE = 50;
const WARM_UP = 10;

const spec = (o: BenchOptions, p: 50 | 95): FigureSpec => ({
  id: `scale.list-api.p${p}`,
  group: "scale-list-api",
  title: `App-list API p${p} with ${o.apps} apps`,
  unit: "ms",
  method: `GET /api/apps?page=<1..n>&pageSize=${PAGE_SIZE}, ${o.listRequests} sequential requests after ${WARM_UP} untimed ones; nearest-rank p${p}`,
  peer: null,
});

/** p50 and p95 of the list API at scale. */
export const scaleListApiMeasurement: Measurement = {
  id: "scale-list-api",
  title: "Scale: app-list API latency",
  requires: [],
  figures: (options) => [spec(options, 50), spec(options, 95)],
  async run(context, record) {
    await syncedScaleFixture(context);
    const first = await context.lockstep.listApps(1, PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
    for (let i = 0; i < WARM_UP; i++) await context.lockstep.listApps((i % pages) + 1, PAGE_SIZE);
    const samples: number[] = [];
    for (let i = 0; i < context.options.listRequests; i++) {
      samples.push((await timed(() => context.lockstep.listApps((i % pages) + 1, PAGE_SIZE))).ms);
    }
    const notes = [`${first.total} apps in ${pages} pages`];
    record(measured(spec(context.options, 50), samples, { value: percentile(samples, 50), notes }));
    record(measured(spec(context.options, 95), samples, { value: percentile(samples, 95), notes }));
  },
};
