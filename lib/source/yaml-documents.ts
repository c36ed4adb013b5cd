/**
 * YAML text -> plain values, one per document, read as kubectl's decoder reads YAML: YAML 1.1
 * (`0644` is octal, `on` is a boolean) with the YAML 1.2 core forms it also accepts (`1e3` is a
 * number, `08` is 8), and neither timestamps nor base-60 numbers, which Kubernetes JSON never
 * holds.
 *
 * Two parsers share the work. js-yaml reads most texts about ten times faster than `yaml`, and
 * renders parse every manifest of every app whose commit moved. It is stricter, though: it
 * refuses unknown tags, non-string keys, and a flow collection closed at its key's indentation,
 * all of which kubectl accepts. Whatever js-yaml refuses, and any document whose aliases go past
 * its budget, is read again by `yaml`, whose answer (or error) is the one given, as it was before
 * js-yaml was used.
 */
import { FAILSAFE_SCHEMA, NOT_RESOLVED, YAMLException, boolYaml11Tag, floatCoreTag, floatYaml11Tag, intCoreTag, intYaml11Tag, loadAll, mergeTag, nullYaml11Tag, type ScalarTagDefinition } from "js-yaml";
import { parseAllDocuments, type Tags } from "yaml";

import { RenderError } from "./render-error";

/** A base-60 number (`1:20`), which YAML 1.1 reads as 80 and kubectl as a string. */
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*:/;

/** A YAML 1.1 scalar tag that also takes the YAML 1.2 core forms and leaves base-60 numbers strings. */
function withCoreForms<T>(yaml11: ScalarTagDefinition<T>, core: ScalarTagDefinition<T>): ScalarTagDefinition<T> {
  return {
    ...yaml11,
    resolve: (source, isExplicit, tagName) => {
      if (SEXAGESIMAL.test(source)) return NOT_RESOLVED;
      const value = yaml11.resolve(source, isExplicit, tagName);
      return value === NOT_RESOLVED ? core.resolve(source, isExplicit, tagName) : value;
    },
  };
}

/** js-yaml's schema: YAML 1.1's null, booleans, numbers and merge keys; no timestamps, sets or binary. */
const FAST_SCHEMA = FAILSAFE_SCHEMA.withTags(nullYaml11Tag, boolYaml11Tag, withCoreForms(intYaml11Tag, intCoreTag), withCoreForms(floatYaml11Tag, floatCoreTag), mergeTag);

/** `yaml`'s options: YAML 1.1 without timestamps and base-60 numbers. */
const FULL_OPTIONS = {
  version: "1.1" as const,
  customTags: (tags: Tags) => tags.filter((tag) => typeof tag !== "string" && tag.format !== "TIME" && tag.tag !== "tag:yaml.org,2002:timestamp"),
};

/** The fast parser's budget: aliases per document, nodes they may add once expanded, nesting depth. */
const FAST_LIMITS = { aliases: 100, aliasExpansion: 1000, depth: 1000 };

/** A document as parsed, with the name errors give it. */
export interface YamlDocument {
  /** The document's value (null for an empty document). */
  value: unknown;
  /** `source`, or `source (document N)` when the text holds several. */
  name: string;
}

/**
 * Parses a multi-document YAML text named `source` (a path, or `kustomize build <path>`).
 * Aliases may expand at most 100 times per document (`yaml`'s count), so a "billion laughs"
 * text is refused instead of exhausting memory.
 * @throws RenderError for invalid YAML (its reason, line and column) or aliases that expand too much.
 */
export function parseYamlDocuments(text: string, source: string): YamlDocument[] {
  const values = fastValues(text) ?? fullValues(text, source);
  return values.map((value, index) => ({ value, name: documentName(source, index, values.length) }));
}

function documentName(source: string, index: number, count: number): string {
  return count > 1 ? `${source} (document ${index + 1})` : source;
}

/** The documents as js-yaml reads them, or nothing when it refuses the text or its aliases go past the budget. */
function fastValues(text: string): unknown[] | undefined {
  let values: unknown[];
  try {
    values = loadAll(text, { schema: FAST_SCHEMA, maxAliases: FAST_LIMITS.aliases, maxDepth: FAST_LIMITS.depth });
  } catch (error) {
    if (error instanceof YAMLException) return undefined;
    throw error;
  }
  const mayAlias = text.includes("&") && text.includes("*");
  return mayAlias && values.some((value) => aliasExpansion(value) > FAST_LIMITS.aliasExpansion) ? undefined : values;
}

/** The documents as `yaml` reads them; its first error is thrown. */
function fullValues(text: string, source: string): unknown[] {
  const parsed = parseAllDocuments(text, FULL_OPTIONS);
  const documents = Array.isArray(parsed) ? parsed : [];
  return documents.map((document, index) => {
    const [error] = document.errors;
    if (error) throw new RenderError(`invalid YAML in ${source}: ${firstLine(error.message)}`);
    return toJs(document, documentName(source, index, documents.length));
  });
}

function toJs(document: { toJS(options: { maxAliasCount: number }): unknown }, name: string): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) throw new RenderError(`${name}: YAML aliases expand too much (refused as a resource exhaustion attack)`);
    throw new RenderError(`invalid YAML in ${name}: ${firstLine(message)}`);
  }
}

/**
 * How many nodes more than it holds a parsed value has once its aliases are expanded: js-yaml
 * gives an alias the very object it names, so a value shares objects where its text had
 * aliases. Infinite for an alias inside the node it names.
 */
export function aliasExpansion(value: unknown): number {
  const sizes = new Map<object, number>();
  const visiting = new Set<object>();
  let held = 0;
  const sizeOf = (node: unknown): number => {
    held += 1;
    if (typeof node !== "object" || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) {
      held -= 1;
      return known;
    }
    if (visiting.has(node)) return Infinity;
    visiting.add(node);
    let size = 1;
    for (const child of Object.values(node)) size += sizeOf(child);
    visiting.delete(node);
    sizes.set(node, size);
    return size;
  };
  return sizeOf(value) - held;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/:\s*$/, "");
}
