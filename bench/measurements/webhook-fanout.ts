/**
 * Webhook fan-out: one push that changes every app of the scale fixture. Measures how long the
 * webhook takes to be answered, and how long until every app shows OutOfSync.
 */
import type { Measurement } from "../lib/context";
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
  id: "fanout.all-outofsync",
  group: "webhook-fanout",
  title: `Webhook of one push affecting ${o.apps} apps: every app OutOfSync`,
  unit: "ms",
  method: "from sending the webhook until GET /api/apps (all pages of 200, polled every 250 ms) lists every affected app OutOfSync",
  peer: ARGO_WEBHOOK,
});

async function countOutOfSync(context: Parameters<Measurement["run"]>[0], prefix: string): Promise<number> {
  let outOfSync = 0;
  for (let page = 1; ; page++) {
    const { rows, total } = await context.lockstep.raw("GET", `/api/apps?q=${prefix}&page=${page}&pageSize=200`).then((r) => r.body as { rows: { status: { syncStatus: string } }[]; total: number });
    outOfSync += rows.filter((row) => row.status.syncStatus === "OutOfSync").length;
    if (page * 200 >= total) return outOfSync;
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
      const outOfSync = await countOutOfSync(context, fixture.namePrefix);
      const elapsed = performance.now() - start;
      if (outOfSync >= fixture.apps.length) {
        record(measured(allSpec(context.options), [elapsed]));
        return;
      }
      if (elapsed > timeoutMs) throw new Error(`only ${outOfSync} of ${fixture.apps.length} apps were OutOfSync ${Math.round(timeoutMs / 1000)} s after the webhook`);
      await sleep(250);
    }
  },
};
