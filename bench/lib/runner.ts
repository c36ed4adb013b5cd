/**
 * Runs measurements and turns every planned figure into a number or an explicit reason:
 * missing features give "not available yet", a failure gives "failed: <why>".
 */
import type { BenchContext, Measurement } from "./context";
import { missingReason } from "./features";
import { unavailable, type Figure } from "./figures";
import { readTreeCpuMs } from "./process-cpu";

/** Key of `context.shared` under which a measurement's CPU time of the Lockstep server is kept (ms). */
export const cpuKey = (measurementId: string) => `cpu:${measurementId}`;

/** Runs one measurement; answers exactly the figures it plans, in order. */
export async function runMeasurement(context: BenchContext, measurement: Measurement): Promise<Figure[]> {
  const specs = measurement.figures(context.options);
  const missing = measurement.requires.filter((feature) => !context.features.has(feature));
  if (missing.length > 0) {
    context.log(`${measurement.id}: skipped, ${missingReason(missing)}`);
    return specs.map((spec) => unavailable(spec, missingReason(missing)));
  }
  const recorded = new Map<string, Figure>();
  let failure: string | undefined;
  const start = performance.now();
  const cpuBefore = await readTreeCpuMs(context.web.pid);
  try {
    await measurement.run(context, (figure) => recorded.set(figure.id, figure));
  } catch (error) {
    failure = `failed: ${error instanceof Error ? error.message : String(error)}`;
    context.log(`${measurement.id}: ${failure}`);
  }
  context.shared.set(cpuKey(measurement.id), (await readTreeCpuMs(context.web.pid)) - cpuBefore);
  context.log(`${measurement.id}: done in ${Math.round((performance.now() - start) / 1000)} s`);
  return specs.map((spec) => recorded.get(spec.id) ?? unavailable(spec, failure ?? "failed: the measurement reported no figure"));
}

/**
 * Runs the measurements one after the other (never in parallel: they would disturb each other),
 * handing the figures so far to `onProgress` after each, so a long run that is stopped keeps them.
 */
export async function runMeasurements(
  context: BenchContext,
  measurements: readonly Measurement[],
  onProgress: (figures: readonly Figure[]) => Promise<void> = async () => undefined,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const measurement of measurements) {
    figures.push(...(await runMeasurement(context, measurement)));
    await onProgress(figures);
  }
  return figures;
}
