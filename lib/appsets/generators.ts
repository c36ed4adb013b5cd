/**
 * Generators: each turns the repository tree at one commit (or the list written in the set,
 * or the clusters the engine knows) into one value set per app to generate. Pure over the
 * {@link GeneratorInput} they are given, so they are tested without Git.
 */
import picomatch from "picomatch";
import { parseAllDocuments } from "yaml";
import { flattenValues, mergeParams, normalizeName, pathParams, type Params } from "./params";
import type { Generator, SimpleGenerator } from "./schema";
import { renderValue } from "./template";

/** A destination cluster a clusters generator gives values for. */
export interface ClusterTarget {
  name: string;
  /** Its API server URL ("" when not known). */
  server: string;
}

/** What generators read: the tree at the resolved commit, its files, and the known clusters. */
export interface GeneratorInput {
  /** Every file path of the tree at the commit, relative to its root. */
  files: readonly string[];
  /** One file's text at the commit. */
  readFile(path: string): Promise<string>;
  /** The clusters the engine knows. */
  clusters(): Promise<ClusterTarget[]>;
}

/** Apps a generator gives, and files a files generator reads, at most: one glob cannot turn a monorepo into thousands of apps. */
export const MAX_GENERATED = 500;

/** A generator that cannot give its values: names the generator and why, in one sentence. */
export class GeneratorError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "GeneratorError";
  }
}

type PathEntry = { path: string; exclude: boolean };

/** The paths matching an include entry and no exclude entry, sorted. */
export function matchPaths(candidates: Iterable<string>, entries: readonly PathEntry[]): string[] {
  const include = entries.filter((e) => !e.exclude).map((e) => picomatch(e.path));
  const exclude = entries.filter((e) => e.exclude).map((e) => picomatch(e.path));
  return [...candidates].filter((p) => include.some((m) => m(p)) && !exclude.some((m) => m(p))).sort();
}

/** Every directory holding a file of the tree, at any depth (the root left out). */
export function directoriesOf(files: readonly string[]): Set<string> {
  const dirs = new Set<string>();
  for (const file of files) {
    const segments = file.split("/");
    for (let i = 1; i < segments.length; i += 1) dirs.add(segments.slice(0, i).join("/"));
  }
  return dirs;
}

/** The value sets of one file: one per document, or one per element of a document that is a list. */
function valuesOfFile(file: string, text: string): Record<string, unknown>[] {
  const docs = parseAllDocuments(text);
  const values: Record<string, unknown>[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new GeneratorError(`File ${file} is not valid YAML or JSON: ${doc.errors[0]!.message.split("\n")[0]}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item === null || typeof item !== "object" || Array.isArray(item)) throw new GeneratorError(`File ${file} must hold an object or a list of objects.`);
      values.push(item as Record<string, unknown>);
    }
  }
  return values;
}

async function generateSimple(generator: SimpleGenerator, input: GeneratorInput): Promise<Params[]> {
  if ("list" in generator) return generator.list.elements.map((element) => flattenValues(element));
  if ("clusters" in generator) {
    const wanted = generator.clusters.names ? new Set(generator.clusters.names) : undefined;
    return (await input.clusters())
      .filter((c) => !wanted || wanted.has(c.name))
      .map((c) => ({ name: c.name, nameNormalized: normalizeName(c.name), server: c.server }));
  }
  const prefix = generator.git.pathParamPrefix;
  if ("directories" in generator.git) {
    return matchPaths(directoriesOf(input.files), generator.git.directories).map((dir) => pathParams(dir, { isFile: false, prefix }));
  }
  const files = matchPaths(input.files, generator.git.files);
  if (files.length > MAX_GENERATED) throw new GeneratorError(`The files generator matches ${files.length} files; at most ${MAX_GENERATED} are read.`);
  const out: Params[] = [];
  for (const file of files) {
    for (const values of valuesOfFile(file, await input.readFile(file))) out.push({ ...flattenValues(values), ...pathParams(file, { isFile: true, prefix }) });
  }
  return out;
}

/**
 * The value sets of a generator, in a stable order. A matrix gives every pair of its two
 * generators' sets merged; its second generator's strings may use the first's values
 * (`{{path}}/config.json`), rendered once per value set of the first.
 * @throws GeneratorError
 */
export async function generate(generator: Generator, input: GeneratorInput): Promise<Params[]> {
  if (!("matrix" in generator)) {
    const values = await generateSimple(generator, input);
    if (values.length > MAX_GENERATED) throw new GeneratorError(`The generator gives ${values.length} apps; at most ${MAX_GENERATED} are allowed.`);
    return values;
  }
  const [first, second] = generator.matrix.generators as [SimpleGenerator, SimpleGenerator];
  const out: Params[] = [];
  for (const left of await generateSimple(first, input)) {
    let rendered: SimpleGenerator;
    try {
      rendered = renderValue(second, left);
    } catch (error) {
      throw new GeneratorError(`The matrix's second generator: ${(error as Error).message}`, { cause: error });
    }
    for (const right of await generateSimple(rendered, input)) {
      try {
        out.push(mergeParams(left, right));
      } catch (error) {
        throw new GeneratorError((error as Error).message, { cause: error });
      }
      if (out.length > MAX_GENERATED) throw new GeneratorError(`The matrix gives more than ${MAX_GENERATED} apps.`);
    }
  }
  return out;
}
