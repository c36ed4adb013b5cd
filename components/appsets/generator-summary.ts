/**
 * A generator in one line, for the app set pages: `git directories services/*, !services/old`,
 * `list (3 elements)`, `clusters`, or a matrix of two of those joined by `×`.
 */
import type { Generator, SimpleGenerator } from "@/lib/appsets/schema";

function simpleSummary(generator: SimpleGenerator): string {
  if ("list" in generator) return `list (${generator.list.elements.length} element${generator.list.elements.length === 1 ? "" : "s"})`;
  if ("clusters" in generator) return generator.clusters.names ? `clusters ${generator.clusters.names.join(", ")}` : "clusters (every known one)";
  const entries = "directories" in generator.git ? generator.git.directories : generator.git.files;
  const paths = entries.map((e) => `${e.exclude ? "!" : ""}${e.path}`).join(", ");
  return `git ${"directories" in generator.git ? "directories" : "files"} ${paths}`;
}

/** The one-line summary of a generator. */
export function generatorSummary(generator: Generator): string {
  if ("matrix" in generator) return generator.matrix.generators.map((g) => simpleSummary(g)).join(" × ");
  return simpleSummary(generator);
}
