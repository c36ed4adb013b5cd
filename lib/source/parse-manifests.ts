/**
 * Text → Kubernetes objects. YAML is read as kubectl's decoder reads it (see
 * `yaml-documents`). Documents without `apiVersion` and `kind` are skipped and
 * `kind: List` is expanded into its items, as kubectl does.
 */
import { hookOf } from "@/lib/sync/hooks";
import type { KubeObject } from "@/lib/types";

import { RenderError } from "./render-error";
import { parseYamlDocuments } from "./yaml-documents";

/** An object and where it came from, for error messages. */
export interface SourcedObject {
  /** The object as written. */
  object: KubeObject;
  /** A readable origin, e.g. `apps/web/deploy.yaml` or `apps/web/deploy.yaml (document 2)`. */
  source: string;
}

/** How many YAML documents a render may still parse; shared by all files of one render. */
export interface DocumentBudget {
  remaining: number;
  /** The limit, for the message. */
  limit: number;
}

/** Options of {@link parseYamlManifests}. */
export interface ParseYamlOptions {
  /** Refuse the text when it holds more documents than the budget has left; the budget is spent. */
  budget?: DocumentBudget;
}

/** At least how many documents a text holds, counted without parsing (document start markers). */
function countDocumentMarkers(text: string): number {
  return (text.match(/^---/gm)?.length ?? 0) + 1;
}

function spend(budget: DocumentBudget | undefined, count: number, source: string): void {
  if (!budget) return;
  if (count > budget.remaining) {
    throw new RenderError(`${source} brings the render over ${budget.limit} YAML documents (raise LOCKSTEP_RENDER_MAX_DOCUMENTS to allow more)`);
  }
  budget.remaining -= count;
}

/**
 * Parses a multi-document YAML text named `source` (a path, or `kustomize build <path>`).
 * Aliases may expand at most 100 times per document, so a "billion laughs" text is refused
 * instead of exhausting memory.
 */
export function parseYamlManifests(text: string, source: string, options: ParseYamlOptions = {}): SourcedObject[] {
  if (options.budget && countDocumentMarkers(text) > options.budget.remaining + 1) spend(options.budget, countDocumentMarkers(text) - 1, source);
  const documents = parseYamlDocuments(text, source);
  spend(options.budget, documents.length, source);
  return documents.flatMap(({ value, name }) => toObjects(value, name));
}

/** Parses a JSON text named `source` holding one object (possibly a `List`). */
export function parseJsonManifest(text: string, source: string): SourcedObject[] {
  if (text.trim() === "") return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RenderError(`invalid JSON in ${source}: ${describeJsonError(text, error instanceof Error ? error.message : String(error))}`);
  }
  return toObjects(value, source);
}

/**
 * A JSON syntax error as line, column and reason, without the text around it: JSON.parse
 * quotes the characters about the error ("Unexpected token 'x', "…": "hunter2…" is not valid
 * JSON"), and the message ends in an app's conditions, which viewers see — the text may be a
 * Secret's value.
 */
export function describeJsonError(text: string, message: string): string {
  const { line, column } = lineAndColumn(text, jsonErrorOffset(text, message));
  const reason = message
    .replace(/^Unexpected token .*$/s, "Unexpected token")
    .replace(/ (in JSON )?at position \d+.*$/s, "");
  return `line ${line}, column ${column}: ${/["`]/.test(reason) ? "not valid JSON" : reason}`;
}

function failsOnAToken(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    return error instanceof Error && error.message.startsWith("Unexpected token");
  }
}

/**
 * Where JSON.parse failed, as an offset into `text`. Most messages say "at position N"; an
 * unexpected token's message quotes the text instead, so the offset is found by bisecting
 * for the shortest prefix that fails the same way (a prefix that merely ends early fails
 * otherwise — "Unexpected end of JSON input").
 */
function jsonErrorOffset(text: string, message: string): number {
  const at = / at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsOnAToken(text.slice(0, middle + 1))) high = middle;
    else low = middle + 1;
  }
  return Math.min(low, text.length);
}

/** One-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/** Turns one parsed document into objects: none, one, or a `List`'s items. */
function toObjects(value: unknown, source: string): SourcedObject[] {
  if (!isManifest(value)) return [];
  if (value.kind === "List" && Array.isArray(value.items)) {
    return value.items.flatMap((item: unknown, index) => toObjects(item, `${source} (List item ${index + 1})`));
  }
  return [{ object: checkObject(value, source), source }];
}

function isManifest(value: unknown): value is Record<string, unknown> & { apiVersion: string; kind: string } {
  if (!isRecord(value)) return false;
  return typeof value.apiVersion === "string" && value.apiVersion !== "" && typeof value.kind === "string" && value.kind !== "";
}

/** Checks the fields every object needs and returns it typed. */
function checkObject(value: Record<string, unknown> & { apiVersion: string; kind: string }, source: string): KubeObject {
  const metadata = value.metadata;
  if (isRecord(metadata) && (metadata.name === undefined || metadata.name === "") && typeof metadata.generateName === "string" && metadata.generateName !== "") {
    const annotations = metadata.annotations ?? {};
    if (!isStringMap(annotations) || !hookOf({ metadata: { name: "", annotations } })) {
      throw new RenderError(`${source}: ${value.kind} ${metadata.generateName}... uses metadata.generateName, which only hooks may use; give it a metadata.name`);
    }
    metadata.name = metadata.generateName;
  }
  if (!isRecord(metadata) || typeof metadata.name !== "string" || metadata.name === "") {
    throw new RenderError(`${source}: ${value.kind} has no metadata.name`);
  }
  for (const field of ["labels", "annotations"] as const) {
    const map = metadata[field];
    if (map !== undefined && map !== null && !isStringMap(map)) {
      throw new RenderError(`${source}: metadata.${field} of ${value.kind} ${metadata.name} must map strings to strings`);
    }
  }
  if (metadata.namespace !== undefined && metadata.namespace !== null && typeof metadata.namespace !== "string") {
    throw new RenderError(`${source}: metadata.namespace of ${value.kind} ${metadata.name} must be a string`);
  }
  return value as unknown as KubeObject;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((entry) => typeof entry === "string");
}
