/**
 * Detection latency of a change made in the cluster: `kubectl patch` changes a ConfigMap the
 * app owns, and the time until the app's status API shows OutOfSync is taken.
 */
import { ARGO_POLLING } from "../lib/published";
import type { Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import { createSmallApp } from "./small-app";

const SPEC: FigureSpec = {
  id: "detect.live-change",
  group: "detect-live-change",
  title: "Change made with kubectl → app OutOfSync (median)",
  unit: "ms",
  method:
    "kubectl patch of a ConfigMap the app owns; time from kubectl's exit (the API server has accepted the change) until GET /api/apps/<app> (polled every 50 ms) shows OutOfSync",
  peer: ARGO_POLLING,
};

/** Live-change detection latency, median of `--detection-trials`. */
export const detectLiveChangeMeasurement: Measurement = {
  id: "detect-live-change",
  title: "Detection: kubectl change → OutOfSync",
  requires: ["live-watch"],
  figures: () => [SPEC],
  async run(context, record) {
    const { lockstep, kubectl } = context;
    const app = await createSmallApp(context, "live");
    const configMap = "live-0002";
    const samples: number[] = [];
    for (let trial = 0; trial < context.options.detectionTrials; trial++) {
      context.log(`detect-live-change: trial ${trial + 1}/${context.options.detectionTrials}`);
      const patch = JSON.stringify({ data: { release: `drift-${trial}` } });
      await kubectl.check(["patch", "configmap", configMap, "-n", app.namespace, "--type", "merge", "-p", patch]);
      const start = performance.now();
      const seenAt = await lockstep.waitForSyncStatus(app.name, "OutOfSync", { timeoutMs: 60_000 }).catch((error: unknown) => {
        const earlier = samples.map((ms) => `${Math.round(ms)} ms`).join(", ") || "none";
        throw new Error(`trial ${trial + 1}: ${error instanceof Error ? error.message : String(error)} Earlier trials: ${earlier}.`);
      });
      samples.push(seenAt - start);
      await lockstep.sync(app.name);
      await lockstep.waitForSyncStatus(app.name, "Synced", { timeoutMs: 60_000 });
    }
    record(measured(SPEC, samples, { notes: [`${samples.length} trials on a 3-object app; status polled every 50 ms`] }));
    await app.remove();
  },
};
