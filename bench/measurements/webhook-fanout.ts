/**
 * Webhook fan-out: one push that changes every app of the scale fixture. Measures how long the
 * webhook takes to be answered, and how long until every app has been compared at the pushed
 * commit (the apps need not be synced for that, so this measurement alone does not sync them).
 */
import type { BenchContext, Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { ARGO_WEBHOOK } from "../lib/published";
import { sleep, timed } from "../lib/stats";
import { sendPushWebhook } from "../lib/webhook";
import { workloadDocument } from "../lib/workload";
import { scaleFixture } from "./scale-fixture";

const answerSpec = (o: BenchOptions): FigureSpec => ({
  id: "fanout.answer",
  group: "webhook-fanout",
  title: `Webhook of one push affecting ${o.apps} apps: answered`,
  unit: "ms",
  method: "POST /api/webhooks/git (signed GitHub-style push naming every app's file); time until the HTTP answer",
  peer: null,
});

const allSpec = (o: BenchOptions): FigureSpec => ({
  id: "fanout.all-refreshed",
  group: "webhook-fanout",
  title: `Webhook of one push affecting ${o.apps} apps: every app compared at the pushed commit`,
  unit: "ms",
  method:
    "from sending the webhook until GET /api/apps shows every affected app's status at the pushed commit: polled every 250 ms as a count of the apps still Synced (the push drifts every app, so none is once all are compared), then confirmed on every page of 200",
  peer: ARGO_WEBHOOK,
});

/**
 * How many of the fixture's apps are still Synced: one count, so that watching costs the server
 * little (reading every page, five requests at 1,000 apps, costs the server about 50 ms of CPU
 * in its stores alone, and every 250 ms that competed with the fan-out it measured). The push
 * changes images in every app and nothing syncs them, so an app compared at the pushed commit
 * is OutOfSync.
 */
async function countSynced(context: BenchContext, prefix: string): Promise<number> {
  return (await context.lockstep.listApps(1, 1, prefix, "Synced")).total;
}

/** How many of the fixture's apps show `sha` as their compared revision. */
async function countAtRevision(context: BenchContext, prefix: string, sha: string): Promise<number> {
  let count = 0;
  for (let page = 1; ; page++) {
    const { rows, total } = await context.lockstep.listApps(page, 200, prefix);
    count += rows.filter((row) => row.status.revision === sha).length;
    if (page * 200 >= total) return count;
  }
}

/** Fan-out of one webhook to every app of the scale fixture. */
export const webhookFanoutMeasurement: Measurement = {
  id: "webhook-fanout",
  title: "Webhook fan-out to every app",
  requires: ["webhook"],
  figures: (options) => [answerSpec(options), allSpec(options)],
  async run(context, record) {
    const fixture = await scaleFixture(context);
    const { objectsPerApp } = context.options;
    const files = Object.fromEntries(
      fixture.apps.map((_, i) => [fixture.fileOf(i), workloadDocument({ prefix: `a${String(i).padStart(4, "0")}`, count: objectsPerApp, variant: 2 })]),
    );
    const before = fixture.repo.head;
    const after = await fixture.repo.commit(files, "Change every app");
    const start = performance.now();
    const { result: answer, ms } = await timed(() =>
      sendPushWebhook(context.lockstep.baseUrl, context.webhookSecret, { repoUrl: fixture.repo.url, branch: "main", before, after, modified: Object.keys(files) }),
    );
    if (answer.status >= 300) throw new Error(`The webhook was answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    record(measured(answerSpec(context.options), [ms], { notes: [`answered ${answer.status}`] }));

    const timeoutMs = Math.max(120_000, fixture.apps.length * 1_000);
    for (;;) {
      const synced = await countSynced(context, fixture.namePrefix);
      const elapsed = performance.now() - start;
      const refreshed = synced === 0 ? await countAtRevision(context, fixture.namePrefix, after) : 0;
      if (refreshed >= fixture.apps.length) {
        record(measured(allSpec(context.options), [elapsed]));
        return;
      }
      if (elapsed > timeoutMs) throw new Error(`${synced} of ${fixture.apps.length} apps were still Synced (not yet compared at the pushed commit) ${Math.round(timeoutMs / 1000)} s after the webhook`);
      await sleep(250);
    }
  },
};
