/**
 * Edits the `images:` list of a kustomization.yaml without re-dumping it: the
 * file is parsed into a YAML Document only to learn where each node sits, and
 * the change is spliced into the original text at those offsets. Comments, key
 * order, quoting and indentation of everything else stay byte for byte; the
 * result is parsed again and must equal the original with only that image
 * changed, or nothing is returned.
 */
import { isDeepStrictEqual } from "node:util";

import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";

import type { ImageUpdate } from "./image-update";
import { SetImageError } from "./set-image-error";

/** The result of {@link setKustomizationImage}. */
export interface ImageEdit {
  /** The file's new text (the input itself when nothing changed). */
  text: string;
  /** False when the file already named that image version. */
  changed: boolean;
  /** The image the entry now points at, e.g. `registry.example.com/guestbook:1.4.2`. */
  image: string;
}

/** The fields of an `images:` entry Lockstep writes, in kustomize's order. */
const IMAGE_FIELDS = ["newName", "newTag", "digest"] as const;
type ImageField = (typeof IMAGE_FIELDS)[number];

/** One replacement of `[start, end)` of the source by `text`. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

function refuse(message: string): never {
  throw new SetImageError(message, { kind: "invalid" });
}

/** The fields an entry must end up with: set ones, and `undefined` for ones to remove. */
function targetFields(update: ImageUpdate): Partial<Record<ImageField, string | null>> {
  const fields: Partial<Record<ImageField, string | null>> = {};
  if (update.newName !== undefined) fields.newName = update.newName;
  if (update.newTag !== undefined) fields.newTag = update.newTag;
  if (update.digest !== undefined) fields.digest = update.digest;
  if (update.newTag !== undefined && update.digest === undefined) fields.digest = null;
  if (update.digest !== undefined && update.newTag === undefined) fields.newTag = null;
  return fields;
}

function lineStart(source: string, offset: number): number {
  return source.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset just after the newline ending the line that holds `offset` (or the end of the text). */
function afterLine(source: string, offset: number): number {
  if (offset > 0 && source[offset - 1] === "\n") return offset;
  const newline = source.indexOf("\n", offset);
  return newline === -1 ? source.length : newline + 1;
}

function columnOf(source: string, offset: number): number {
  return offset - lineStart(source, offset);
}

function isPlainSafe(value: string): boolean {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_./:@+-]*$/.test(value)) return false;
  const reparsed = parseDocument(`${value}\n`).toJS() as unknown;
  return reparsed === value;
}

/** A scalar's source text in the given style; plain falls back to double quotes when it would not read back as a string. */
function formatScalar(value: string, style?: Scalar.Type): string {
  if (style === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (style === Scalar.QUOTE_DOUBLE || !isPlainSafe(value)) return JSON.stringify(value);
  return value;
}

function rangeOf(node: Node): [number, number, number] {
  if (!node.range) throw new Error("the YAML parser gave a node without a source range");
  return node.range;
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => scalarValue(pair.key) === key);
}

/** Where a pair's value ends in the source (its key's end when the value is empty). */
function pairValueEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  if (value && value.range) return value.range[1];
  return rangeOf(pair.key as Node)[1];
}

/** Splices that make an existing entry hold `fields`. */
function editEntry(source: string, entry: YAMLMap, fields: Partial<Record<ImageField, string | null>>): Splice[] {
  const splices: Splice[] = [];
  const additions: [ImageField, string][] = [];
  const removed: ImageField[] = [];
  for (const field of IMAGE_FIELDS) {
    if (!(field in fields)) continue;
    const wanted = fields[field];
    const pair = findPair(entry, field);
    if (wanted === null || wanted === undefined) {
      if (pair) splices.push(removePair(source, entry, pair));
      removed.push(field);
      continue;
    }
    if (!pair) {
      additions.push([field, wanted]);
      continue;
    }
    const value = pair.value;
    if (isScalar(value) && String(value.value) === wanted && value.value !== null) continue;
    if (isScalar(value) && value.value !== null) {
      const [start, end] = rangeOf(value);
      splices.push({ start, end, text: formatScalar(wanted, value.type) });
    } else if (value === null || (isScalar(value) && value.value === null)) {
      const at = isScalar(value) ? rangeOf(value)[0] : rangeOf(pair.key as Node)[1] + 1;
      const end = isScalar(value) ? rangeOf(value)[1] : at;
      splices.push({ start: at, end, text: `${at === end && source[at - 1] === ":" ? " " : ""}${formatScalar(wanted)}` });
    } else {
      refuse(`The ${field} of image "${String(scalarValue(findPair(entry, "name")?.value))}" in the kustomization is not a plain value.`);
    }
  }
  if (additions.length > 0) splices.push(...addPairs(source, entry, additions, removed));
  return splices;
}

/** Removes one pair from an entry, with its line (block style) or its separator (flow style). */
function removePair(source: string, entry: YAMLMap, pair: Pair): Splice {
  const index = entry.items.indexOf(pair);
  const keyStart = rangeOf(pair.key as Node)[0];
  const next = entry.items[index + 1];
  if (entry.flow) {
    if (index > 0) return { start: pairValueEnd(entry.items[index - 1] as Pair), end: pairValueEnd(pair), text: "" };
    return { start: keyStart, end: next ? rangeOf(next.key as Node)[0] : pairValueEnd(pair), text: "" };
  }
  if (next) return { start: keyStart, end: rangeOf(next.key as Node)[0], text: "" };
  return { start: lineStart(source, keyStart), end: afterLine(source, pairValueEnd(pair)), text: "" };
}

/**
 * Adds pairs to an entry in kustomize's field order: each goes just before the
 * first existing field that kustomize writes after it (block style, when that
 * field starts its own line), otherwise at the end (after the last pair, or
 * before the `}` of a flow entry).
 */
function addPairs(source: string, entry: YAMLMap, additions: [ImageField, string][], removed: readonly ImageField[]): Splice[] {
  const last = entry.items[entry.items.length - 1] as Pair;
  const end = pairValueEnd(last);
  if (entry.flow) {
    return [{ start: end, end, text: additions.map(([key, value]) => `, ${key}: ${formatScalar(value)}`).join("") }];
  }
  const indent = " ".repeat(columnOf(source, rangeOf(entry.items[0]?.key as Node)[0]));
  const line = (key: ImageField, value: string) => `${indent}${key}: ${formatScalar(value)}\n`;
  const atEnd = afterLine(source, end);
  const byOffset = new Map<number, string>();
  for (const [key, value] of additions) {
    const later = IMAGE_FIELDS.slice(IMAGE_FIELDS.indexOf(key) + 1)
      .filter((field) => !removed.includes(field))
      .map((field) => findPair(entry, field))
      .find((pair): pair is Pair => pair !== undefined && pair !== entry.items[0]);
    const keyStart = later ? rangeOf(later.key as Node)[0] : undefined;
    const at = keyStart !== undefined && source.slice(lineStart(source, keyStart), keyStart).trim() === "" ? lineStart(source, keyStart) : atEnd;
    byOffset.set(at, (byOffset.get(at) ?? "") + line(key, value));
  }
  return [...byOffset].map(([at, text]) => ({ start: at, end: at, text: (at === source.length && !source.endsWith("\n") ? "\n" : "") + text }));
}

/** The lines of a new block entry: `- name: x` then its fields, at the given columns. */
function blockEntryLines(update: ImageUpdate, dashColumn: number, contentColumn: number): string {
  const fields = targetFields(update);
  const lines = [`${" ".repeat(dashColumn)}-${" ".repeat(Math.max(1, contentColumn - dashColumn - 1))}name: ${formatScalar(update.name)}`];
  for (const field of IMAGE_FIELDS) {
    const value = fields[field];
    if (typeof value === "string") lines.push(`${" ".repeat(contentColumn)}${field}: ${formatScalar(value)}`);
  }
  return lines.map((line) => `${line}\n`).join("");
}

function flowEntry(update: ImageUpdate): string {
  const fields = targetFields(update);
  const parts = [`name: ${formatScalar(update.name)}`];
  for (const field of IMAGE_FIELDS) {
    const value = fields[field];
    if (typeof value === "string") parts.push(`${field}: ${formatScalar(value)}`);
  }
  return `{${parts.join(", ")}}`;
}

/** How far sequences are indented under their key in this file (0 as kustomize writes, or e.g. 2). */
function sequenceIndent(source: string, root: YAMLMap): number {
  for (const pair of root.items) {
    const value = pair.value;
    if (isSeq(value) && !value.flow && value.range) {
      return Math.max(0, columnOf(source, value.range[0]) - columnOf(source, rangeOf(pair.key as Node)[0]));
    }
  }
  return 0;
}

/** Splices that add a new entry to an existing `images:` sequence. */
function appendEntry(source: string, images: YAMLSeq, update: ImageUpdate): Splice {
  const [start, valueEnd] = rangeOf(images);
  if (images.flow) {
    const close = source.lastIndexOf("]", valueEnd);
    return { start: close, end: close, text: `${images.items.length > 0 ? ", " : ""}${flowEntry(update)}` };
  }
  const lastItem = images.items[images.items.length - 1] as Node;
  const dashColumn = columnOf(source, start);
  const contentColumn = columnOf(source, rangeOf(images.items[0] as Node)[0]);
  const at = afterLine(source, rangeOf(lastItem)[1]);
  const lead = at === source.length && !source.endsWith("\n") ? "\n" : "";
  return { start: at, end: at, text: lead + blockEntryLines(update, dashColumn, contentColumn) };
}

/** Splices that give an empty `images:` key (nothing, `~` or `null`) its first entry. */
function fillEmptyImages(source: string, root: YAMLMap, pair: Pair, update: ImageUpdate): Splice[] {
  const keyColumn = columnOf(source, rangeOf(pair.key as Node)[0]);
  const dashColumn = keyColumn + sequenceIndent(source, root);
  const value = pair.value as Node | null;
  const splices: Splice[] = [];
  let end = rangeOf(pair.key as Node)[1];
  if (value && value.range && value.range[1] > value.range[0]) {
    splices.push({ start: value.range[0], end: value.range[1], text: "" });
    end = value.range[1];
  }
  const at = afterLine(source, end);
  const lead = at === source.length && !source.endsWith("\n") ? "\n" : "";
  splices.push({ start: at, end: at, text: lead + blockEntryLines(update, dashColumn, dashColumn + 2) });
  return splices;
}

/** Splices that add an `images:` key with one entry at the end of the file. */
function addImagesKey(source: string, root: YAMLMap | null, update: ImageUpdate): Splice {
  const keyColumn = root && root.items[0] ? columnOf(source, rangeOf(root.items[0].key as Node)[0]) : 0;
  const dashColumn = keyColumn + (root ? sequenceIndent(source, root) : 0);
  const lead = source.length > 0 && !source.endsWith("\n") ? "\n" : "";
  const text = `${lead}${" ".repeat(keyColumn)}images:\n${blockEntryLines(update, dashColumn, dashColumn + 2)}`;
  return { start: source.length, end: source.length, text };
}

function applySplices(source: string, splices: readonly Splice[]): string {
  let result = source;
  for (const splice of [...splices].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);
  }
  return result;
}

/** The plain-data value the file must have after the edit, computed on the parsed original. */
function expectedValue(document: Document, update: ImageUpdate): { images: Record<string, unknown>[] } & Record<string, unknown> {
  const value = (document.toJS() ?? {}) as Record<string, unknown>;
  const images = Array.isArray(value.images) ? [...(value.images as Record<string, unknown>[])] : [];
  const index = images.findIndex((entry) => entry && entry.name === update.name);
  const entry: Record<string, unknown> = index === -1 ? { name: update.name } : { ...images[index] };
  for (const [field, wanted] of Object.entries(targetFields(update))) {
    if (typeof wanted !== "string") delete entry[field];
    else if (entry[field] === undefined || entry[field] === null || String(entry[field]) !== wanted) entry[field] = wanted;
  }
  if (index === -1) images.push(entry);
  else images[index] = entry;
  return { ...value, images };
}

function parseKustomization(source: string, file: string): Document {
  const document = parseDocument(source, { prettyErrors: false, uniqueKeys: false });
  const problem = document.errors[0];
  if (problem) refuse(`${file} is not valid YAML: ${problem.message.split("\n")[0]}`);
  if (document.contents !== null && !isMap(document.contents)) refuse(`${file} is not a Kustomization: its top level is not a mapping.`);
  return document;
}

/** Options for {@link setKustomizationImage}. */
export interface SetKustomizationImageOptions {
  /**
   * The file's path, for messages.
   * @default "kustomization.yaml"
   */
  file?: string;
}

/**
 * Makes the `images:` entry named `update.name` carry the new name, tag or
 * digest, adding the entry (and the `images:` key) when absent. Setting a tag
 * alone drops a pinned digest and vice versa, as `kustomize edit set image`
 * does. Everything else in the text is kept byte for byte.
 * @throws SetImageError (422) when the file is not a Kustomization that can be edited.
 */
export function setKustomizationImage(source: string, update: ImageUpdate, options: SetKustomizationImageOptions = {}): ImageEdit {
  const file = options.file ?? "kustomization.yaml";
  const document = parseKustomization(source, file);
  const root = document.contents as YAMLMap | null;
  const imagesPair = root ? findPair(root, "images") : undefined;
  const images = imagesPair?.value;
  let splices: Splice[];
  if (!imagesPair) {
    splices = [addImagesKey(source, root, update)];
  } else if (images === null || images === undefined || (isScalar(images) && images.value === null)) {
    splices = fillEmptyImages(source, root as YAMLMap, imagesPair, update);
  } else if (isSeq(images)) {
    const entry = images.items.find((item) => isMap(item) && scalarValue(findPair(item, "name")?.value) === update.name);
    if (entry) splices = editEntry(source, entry as YAMLMap, targetFields(update));
    else splices = [appendEntry(source, images, update)];
  } else {
    refuse(`The images field of ${file} is not a list.`);
  }
  const expected = expectedValue(document, update);
  const image = effectiveImage(expected.images.find((entry) => entry?.name === update.name) ?? {}, update.name);
  if (splices.length === 0) return { text: source, changed: false, image };
  const text = applySplices(source, splices);
  const reparsed = parseDocument(text, { uniqueKeys: false });
  if (reparsed.errors.length > 0 || !isDeepStrictEqual(reparsed.toJS(), expected)) {
    refuse(`${file} is laid out in a way set-image cannot edit without changing other content; edit it by hand once (for example, write images: as a block list).`);
  }
  return { text, changed: text !== source, image };
}

/** `newName[:newTag][@digest]` of an entry, falling back to its name. */
function effectiveImage(entry: Record<string, unknown>, name: string): string {
  const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
  const tag = text(entry.newTag);
  const digest = text(entry.digest);
  return `${text(entry.newName) ?? name}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
}
