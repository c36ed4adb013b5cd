/**
 * Detection latency of a Git change: a commit lands on the Git server, its push webhook is
 * sent at once, and the time until the app's status API shows OutOfSync is taken.
 */
import { ARGO_WEBHOOK } from "../lib/published";
import type { Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import { sendPushWebhook } from "../lib/webhook";
import { workloadFiles } from "../lib/workload";
import { createSmallApp } from "./small-app";

const SPEC: FigureSpec = {
  id: "detect.webhook",
  group: "detect-webhook",
  title: "Commit pushed + webhook → app OutOfSync (median)",
  unit: "ms",
  method:
    "commit written to the served bare repository, then a signed GitHub-style push webhook; time from sending the webhook until GET /api/apps/<app> (polled every 50 ms) shows OutOfSync",
  peer: ARGO_WEBHOOK,
};

/** Webhook detection latency, median of `--detection-trials`. */
export const detectWebhookMeasurement: Measurement = {
  id: "detect-webhook",
  title: "Detection: commit + webhook → OutOfSync",
  requires: ["webhook"],
  figures: () => [SPEC],
  async run(context, record) {
    const { lockstep } = context;
    const app = await createSmallApp(context, "hook");
    const samples: number[] = [];
    for (let trial = 0; trial < context.options.detectionTrials; trial++) {
      context.log(`detect-webhook: trial ${trial + 1}/${context.options.detectionTrials}`);
      const before = app.repo.head;
      const files = workloadFiles("manifests", { prefix: "hook", count: 3, variant: trial + 2 });
      const after = await app.repo.commit(files, `Release ${trial + 2}`);
      const start = performance.now();
      const answer = await sendPushWebhook(lockstep.baseUrl, context.webhookSecret, {
        repoUrl: app.repo.url,
        branch: "main",
        before,
        after,
        modified: Object.keys(files),
      });
      if (answer.status >= 300) throw new Error(`The webhook was answered ${answer.status}: ${answer.text.slice(0, 200)}`);
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
