/**
 * The benchmark's command line: sizes are parameters, `--quick` picks small ones for the CI smoke run.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { isPeerName, peerNames, type PeerName } from "@/tools/peers/components";

/** Everything a run of the benchmark can be told. */
export interface BenchOptions {
  /** Small sizes and few repetitions, for the CI smoke run. */
  quick: boolean;
  /** Object counts of the one-app diff and sync measurements (chart x-axis). @default [100, 300, 1000] */
  sizes: number[];
  /** Apps of the scale measurements. @default 1000 */
  apps: number;
  /** Objects per app of the scale measurements. @default 20 */
  objectsPerApp: number;
  /** Timed repetitions of each repeatable figure (the median is reported). @default 3 */
  repeat: number;
  /** Trials of each detection-latency figure (the median is reported). @default 10 */
  detectionTrials: number;
  /** Requests timed for the app-list API percentiles. @default 200 */
  listRequests: number;
  /** Timed loads of the Applications page. @default 5 */
  pageLoads: number;
  /** Where results.json and chart.html go. @default bench/out */
  outDir: string;
  /** Kubeconfig of the cluster to measure on; the local cluster when absent. */
  kubeconfig?: string;
  /** Only run the measurements with these ids (all when empty). */
  only: string[];
  /** Build the web app when its production build is missing. @default true */
  build: boolean;
  /** GitOps peers measured after Lockstep, each alone on the cleaned cluster (`--peers argocd,flux`). @default [] */
  peers: PeerName[];
}

const FULL = { sizes: [100, 300, 1000], apps: 1000, objectsPerApp: 20, repeat: 3, detectionTrials: 10, listRequests: 200, pageLoads: 5 };
const QUICK = { sizes: [10, 30], apps: 20, objectsPerApp: 5, repeat: 1, detectionTrials: 3, listRequests: 30, pageLoads: 2 };

/** The usage text printed by `--help` and after a bad argument. */
export const USAGE = `Usage: npm run bench -- [options]
  --quick                   small sizes for a smoke run (sizes 10,30; 20 apps x 5 objects; 1 repetition)
  --sizes 100,300,1000      object counts of the one-app diff and sync measurements
  --apps 1000               apps of the scale measurements
  --objects-per-app 20      objects per app of the scale measurements
  --repeat 3                timed repetitions of each repeatable figure (median reported)
  --detection-trials 10     trials of each detection-latency figure (median reported)
  --list-requests 200       requests timed for the app-list API percentiles
  --page-loads 5            timed loads of the Applications page
  --only diff,sync          run only these measurements (ids: see the table)
  --out bench/out           output directory of results.json and chart.html
  --kubeconfig <path>       cluster to measure on (default: the local cluster, started when needed)
  --no-build                fail instead of building the web app when its build is missing
  --peers argocd,flux       also measure these GitOps peers, built from source and run alone on the same cluster
                            after Lockstep (first sync, re-sync, drift, the scale run, memory, CPU)`;

/** A bad command line, reported as its one sentence and the usage. */
export class BenchUsageError extends Error {
  override name = "BenchUsageError";
}

function positiveInt(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new BenchUsageError(`--${flag} must be a positive whole number, got "${raw}".`);
  return value;
}

function peerList(raw: string): PeerName[] {
  const names = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = names.find((name) => !isPeerName(name));
  if (unknown !== undefined) throw new BenchUsageError(`Unknown peer "${unknown}" in --peers; known peers: ${peerNames.join(", ")}.`);
  return [...new Set(names as PeerName[])];
}

function intList(flag: string, raw: string): number[] {
  const values = raw.split(",").map((part) => positiveInt(flag, part.trim()));
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Parses the command line (without `node` and the script) into options, defaults filled in. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: "boolean", default: false },
      sizes: { type: "string" },
      apps: { type: "string" },
      "objects-per-app": { type: "string" },
      repeat: { type: "string" },
      "detection-trials": { type: "string" },
      "list-requests": { type: "string" },
      "page-loads": { type: "string" },
      only: { type: "string" },
      out: { type: "string" },
      kubeconfig: { type: "string" },
      "no-build": { type: "boolean", default: false },
      peers: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) throw new BenchUsageError("Help requested.");
  const base = values.quick ? QUICK : FULL;
  return {
    quick: values.quick ?? false,
    sizes: values.sizes ? intList("sizes", values.sizes) : base.sizes,
    apps: values.apps ? positiveInt("apps", values.apps) : base.apps,
    objectsPerApp: values["objects-per-app"] ? positiveInt("objects-per-app", values["objects-per-app"]) : base.objectsPerApp,
    repeat: values.repeat ? positiveInt("repeat", values.repeat) : base.repeat,
    detectionTrials: values["detection-trials"] ? positiveInt("detection-trials", values["detection-trials"]) : base.detectionTrials,
    listRequests: values["list-requests"] ? positiveInt("list-requests", values["list-requests"]) : base.listRequests,
    pageLoads: values["page-loads"] ? positiveInt("page-loads", values["page-loads"]) : base.pageLoads,
    outDir: path.resolve(values.out ?? "bench/out"),
    kubeconfig: values.kubeconfig ? path.resolve(values.kubeconfig) : undefined,
    only: values.only ? values.only.split(",").map((s) => s.trim()).filter(Boolean) : [],
    build: !values["no-build"],
    peers: values.peers ? peerList(values.peers) : [],
  };
}
