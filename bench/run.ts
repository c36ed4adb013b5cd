/**
 * `npm run bench`: measures Lockstep against kubectl on the same cluster and manifests, against
 * Argo CD's published figures (labelled as such), and with `--peers argocd,flux` against Argo CD
 * and Flux built from source and measured alone on the same cluster after Lockstep.
 * Prints a table, writes `bench/out/results.json` and `bench/out/chart.html`.
 * See docs/performance.md for what each figure means and how to reproduce it.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createGitFixture, type GitFixture } from "@/test/helpers/git";
import { startWebServer, type WebServer } from "@/test/helpers/web-server";
import { ensureCluster, locateBinaries, stopCluster } from "@/tools/localcluster";
import { distDir, ensureBuild, isBuildStale } from "./lib/build";
import { newRunId, type BenchContext } from "./lib/context";
import { collectEnvironment } from "./lib/environment";
import { detectFeatures } from "./lib/features";
import { Kubectl } from "./lib/kubectl";
import { LockstepClient } from "./lib/lockstep-client";
import { NamespacePool } from "./lib/namespaces";
import { BenchUsageError, parseBenchOptions, USAGE, type BenchOptions } from "./lib/options";
import type { Figure } from "./lib/figures";
import { readTreeMemory } from "./lib/process-memory";
import { runMeasurements } from "./lib/runner";
import { MEASUREMENTS } from "./measurements";
import { renderChart } from "./report/chart";
import { writeOutputs } from "./report/results-file";
import { renderTable } from "./report/table";
import { deleteNamespaces, measurePeers } from "./peers/measure";

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function parseOrExit(): BenchOptions {
  try {
    return parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    const help = error instanceof BenchUsageError && error.message === "Help requested.";
    if (!help) process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n`);
    process.stderr.write(`${USAGE}\n`);
    process.exit(help ? 0 : 2);
  }
}

function selectMeasurements(only: string[]) {
  const unknown = only.filter((id) => !MEASUREMENTS.some((m) => m.id === id));
  if (unknown.length > 0) throw new BenchUsageError(`Unknown measurement(s) ${unknown.join(", ")}; known: ${MEASUREMENTS.map((m) => m.id).join(", ")}.`);
  return only.length === 0 ? MEASUREMENTS : MEASUREMENTS.filter((m) => only.includes(m.id));
}

async function main(): Promise<number> {
  const options = parseOrExit();
  const measurements = selectMeasurements(options.only);
  const startedAt = new Date().toISOString();
  const dist = distDir();
  await ensureBuild(dist, { allowBuild: options.build, log });
  const stale = await isBuildStale(dist);
  if (stale) log(`warning: the build in ${dist} is older than the sources; the figures describe that build`);

  const cluster = options.kubeconfig ? { kubeconfigPath: options.kubeconfig, startedHere: false } : await ensureCluster();
  const binaries = await locateBinaries();
  if (!binaries) throw new Error('The local cluster binaries are not built; run "npm run cluster:up" once.');
  const kubectl = new Kubectl(binaries.kubectl, cluster.kubeconfigPath);
  const runId = newRunId();
  const namespaces = new NamespacePool(kubectl, runId);
  const webhookSecret = randomBytes(24).toString("hex");
  const workDir = await mkdtemp(path.join(os.tmpdir(), "lockstep-bench-"));
  let git: GitFixture | undefined;
  let web: WebServer | undefined;

  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await namespaces.deleteAll().catch((error) => log(`cleanup: ${error instanceof Error ? error.message : String(error)}`));
    if (web) await writeFile(path.join(options.outDir, "server.log"), web.logs()).catch(() => undefined);
    await web?.stop();
    await git?.cleanup();
    await rm(workDir, { recursive: true, force: true });
    if (cluster.startedHere) await stopCluster();
  };
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));

  try {
    git = await createGitFixture();
    log(`run ${runId}: starting the web server from ${dist}`);
    web = await startWebServer({ kubeconfig: cluster.kubeconfigPath, env: { LOCKSTEP_WEBHOOK_SECRET: webhookSecret } });
    const lockstep = new LockstepClient(web.url);
    const features = await detectFeatures(lockstep, dist);
    const environment = await collectEnvironment(kubectl, { distDir: dist, stale });
    log(`features found: ${[...features].join(", ") || "none of webhook, live-watch, rollback"}`);
    const context: BenchContext = { options, runId, kubeconfig: cluster.kubeconfigPath, kubectl, lockstep, web, git, namespaces, webhookSecret, features, environment, workDir, shared: new Map(), log };
    context.shared.set("idle-memory", (await readTreeMemory(web.pid)).rssBytes);

    const write = (figures: readonly Figure[], complete: boolean) =>
      writeOutputs(
        options.outDir,
        { schemaVersion: 1, startedAt, finishedAt: complete ? new Date().toISOString() : null, complete, environment, options, figures: [...figures] },
        renderChart(figures, options.sizes, environment),
      );
    let figures = await runMeasurements(context, measurements, (soFar) => write(soFar, false).then(() => undefined));
    if (options.peers.length > 0) {
      log(`stopping Lockstep and deleting its namespaces before measuring ${options.peers.join(", ")}`);
      await writeFile(path.join(options.outDir, "server.log"), web.logs()).catch(() => undefined);
      const stopping = web;
      web = undefined;
      await stopping.stop();
      await deleteNamespaces({ binary: kubectl.binary, kubeconfig: cluster.kubeconfigPath }, runId, "lsb-", log);
      figures = await measurePeers(context, figures);
    }
    process.stdout.write(`${renderTable(figures, environment)}\n`);
    const files = await write(figures, true);
    log(`wrote ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.chart)}`);
    const failed = figures.filter((f) => f.unavailable?.startsWith("failed"));
    return failed.length > 0 ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof BenchUsageError ? 2 : 1);
  },
);
