/**
 * The server's resident memory with the scale fixture loaded and refreshed: VmRSS of the
 * `next start` process and its children, from /proc.
 */
import type { Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { readTreeMemory } from "../lib/process-memory";
import { syncedScaleFixture } from "./scale-fixture";

const MB = 2 ** 20;

const spec = (o: BenchOptions): FigureSpec => ({
  id: "scale.memory",
  group: "scale-memory",
  title: `Server resident memory with ${o.apps} apps × ${o.objectsPerApp} objects`,
  unit: "MB",
  method: "sum of VmRSS in /proc/<pid>/status over the next start process and its children, after the scale fixture was set up (and refreshed, when that ran)",
  peer: null,
});

/** Resident memory at scale. */
export const scaleMemoryMeasurement: Measurement = {
  id: "scale-memory",
  title: "Scale: server resident memory",
  requires: [],
  figures: (options) => [spec(options)],
  async run(context, record) {
    await syncedScaleFixture(context);
    const memory = await readTreeMemory(context.web.pid);
    const idle = context.shared.get("idle-memory") as number | undefined;
    record(
      measured(spec(context.options), [memory.rssBytes / MB], {
        notes: [
          `peak resident (VmHWM) ${Math.round(memory.peakRssBytes / MB)} MB over ${memory.pids.length} process(es)`,
          ...(idle ? [`resident right after start, before any app: ${Math.round(idle / MB)} MB`] : []),
        ],
      }),
    );
  },
};
