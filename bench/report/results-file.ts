/**
 * `results.json`: every figure with its peer and ratio, the options and the environment.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Environment } from "../lib/environment";
import type { Figure } from "../lib/figures";
import type { BenchOptions } from "../lib/options";

/** The shape of results.json. */
export interface ResultsFile {
  schemaVersion: 1;
  startedAt: string;
  /** Null while the run is still going (the file is rewritten after each measurement). */
  finishedAt: string | null;
  /** False in the files written while the run is still going. */
  complete: boolean;
  environment: Environment;
  options: BenchOptions;
  figures: Figure[];
}

/** Writes results.json and chart.html into `outDir`; answers their paths. */
export async function writeOutputs(outDir: string, results: ResultsFile, chartHtml: string): Promise<{ json: string; chart: string }> {
  await mkdir(outDir, { recursive: true });
  const json = path.join(outDir, "results.json");
  const chart = path.join(outDir, "chart.html");
  await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(chart, chartHtml);
  return { json, chart };
}
