/**
 * JQ-style path expressions, the second way an `ignoreDifferences` rule names fields (Argo CD's
 * `jqPathExpressions`). Lockstep parses a small, documented subset of jq — paths and
 * `select` by equality — into data and walks objects with it; nothing is evaluated as code.
 *
 * Supported, combined freely and joined by `|` (which, as in jq, continues the path):
 * - `.a.b` — map keys; `."a.b"` and `.a["key.with.dots"]` for keys that are not plain words;
 * - `.a[0]` — a list element by index (0 or more);
 * - `.a[]` — every element of a list (or every value of a map);
 * - `select(.name == "web")` — keep only the elements whose field (a path of keys and
 *   indexes, or `.` for the element itself) equals a string, number, boolean or null.
 *
 * Example: `.spec.template.spec.containers[] | select(.name == "web") | .image`.
 */
import { deepEqual, isPlainObject } from "./json";
import type { ParseResult } from "./json-pointer";

/** A scalar a `select` compares with. */
export type JqScalar = string | number | boolean | null;

/** A plain step of a path: a map key or a list index. */
export type JqPlainStep = { type: "key"; key: string } | { type: "index"; index: number };

/** One step of a parsed expression. */
export type JqStep = JqPlainStep | { type: "each" } | { type: "select"; path: JqPlainStep[]; equals: JqScalar };

/** What the subset supports, said in every parse error. */
export const JQ_SUBSET =
  'supported are paths (.a.b, ."a.b", .a["key"], .a[0], .a[]) joined by "|" and select(.field == value) with a string, number, boolean or null value, e.g. .spec.template.spec.containers[] | select(.name == "web") | .image';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/;
const STRING = /^"(?:[^"\\]|\\.)*"/;

class Scanner {
  private position = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    this.skipSpace();
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position] as string)) this.position++;
  }

  /** Consumes `literal` (after spaces) when it comes next. */
  take(literal: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(literal, this.position)) return false;
    this.position += literal.length;
    return true;
  }

  /** Consumes what `pattern` matches right here (no spaces skipped before). */
  match(pattern: RegExp): string | undefined {
    const found = pattern.exec(this.text.slice(this.position));
    if (!found) return undefined;
    this.position += found[0].length;
    return found[0];
  }

  /** Consumes a JSON string literal, after spaces. */
  string(): string | undefined {
    this.skipSpace();
    const literal = this.match(STRING);
    if (literal === undefined) return undefined;
    try {
      return JSON.parse(literal) as string;
    } catch {
      throw new SyntaxError(`the string ${literal} is not valid JSON`);
    }
  }

  /** What is left, for error messages. */
  rest(): string {
    return this.text.slice(this.position).trim();
  }
}

/** Parses `[...]` after a path: a string key, an index, or `[]` (every element). */
function bracket(scanner: Scanner): JqStep {
  if (scanner.take("]")) return { type: "each" };
  const key = scanner.string();
  if (key !== undefined) {
    if (!scanner.take("]")) throw new SyntaxError(`"]" expected after "${key}"`);
    return { type: "key", key };
  }
  scanner.skipSpace();
  const digits = scanner.match(/^[0-9]+/);
  if (digits === undefined) throw new SyntaxError(`a string, an index or nothing expected inside "[ ]" at "${scanner.rest()}"`);
  if (!scanner.take("]")) throw new SyntaxError(`"]" expected after [${digits}`);
  return { type: "index", index: Number(digits) };
}

/** Parses a path starting with ".": one or more steps; a lone "." is the identity (no steps). */
function path(scanner: Scanner): JqStep[] {
  if (!scanner.take(".")) throw new SyntaxError(`a path starting with "." expected at "${scanner.rest()}"`);
  const steps: JqStep[] = [];
  let needsKey = true;
  for (;;) {
    if (needsKey) {
      const ident = scanner.match(IDENT);
      const quoted = ident === undefined ? scanner.match(STRING) : undefined;
      if (ident !== undefined) steps.push({ type: "key", key: ident });
      else if (quoted !== undefined) steps.push({ type: "key", key: JSON.parse(quoted) as string });
      else if (!scanner.take("[")) return steps;
      else steps.push(bracket(scanner));
      needsKey = false;
    } else if (scanner.match(/^\[/)) {
      steps.push(bracket(scanner));
    } else if (scanner.match(/^\./)) {
      needsKey = true;
      if (scanner.match(/^[\s|)=]/) || scanner.rest() === "") throw new SyntaxError(`a key expected after "."`);
    } else {
      return steps;
    }
  }
}

function literal(scanner: Scanner): JqScalar {
  const text = scanner.string();
  if (text !== undefined) return text;
  scanner.skipSpace();
  for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
    if (scanner.match(new RegExp(`^${word}\\b`))) return value;
  }
  const number = scanner.match(NUMBER);
  if (number !== undefined) return Number(number);
  throw new SyntaxError(`a string, number, boolean or null expected after "==" at "${scanner.rest()}"`);
}

function select(scanner: Scanner): JqStep {
  if (!scanner.take("(")) throw new SyntaxError(`"(" expected after select`);
  scanner.skipSpace();
  const inner = path(scanner);
  const plain = inner.filter((step): step is JqPlainStep => step.type === "key" || step.type === "index");
  if (plain.length !== inner.length) throw new SyntaxError(`the field inside select may use keys and indexes only`);
  if (!scanner.take("==")) throw new SyntaxError(`"==" expected inside select at "${scanner.rest()}"`);
  const equals = literal(scanner);
  if (!scanner.take(")")) throw new SyntaxError(`")" expected to close select at "${scanner.rest()}"`);
  return { type: "select", path: plain, equals };
}

/**
 * Parses an expression of the subset described above into steps, or says in one sentence
 * what is wrong and what is supported. The expression must start with a path naming a field:
 * a lone `.` or a leading `select` would name the whole object.
 */
export function parseJqPath(text: string): ParseResult<JqStep[]> {
  const scanner = new Scanner(text);
  const steps: JqStep[] = [];
  try {
    for (let first = true; ; first = false) {
      if (!first && !scanner.take("|")) throw new SyntaxError(`"|" or the end expected at "${scanner.rest()}"`);
      scanner.skipSpace();
      if (!first && scanner.match(/^select\b/)) {
        steps.push(select(scanner));
      } else {
        const part = path(scanner);
        if (first && part.length === 0) throw new SyntaxError(`the expression must start with a field, not the whole object`);
        steps.push(...part);
      }
      if (scanner.done) break;
    }
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : String(error);
    return { ok: false, error: `JQ path expression "${text}" is not supported (${reason}); ${JQ_SUBSET}.` };
  }
  return { ok: true, value: steps };
}

type Location = (string | number)[];

function valueAt(root: unknown, steps: readonly JqPlainStep[]): unknown {
  let value = root;
  for (const step of steps) {
    if (step.type === "key") value = isPlainObject(value) && Object.hasOwn(value, step.key) ? value[step.key] : undefined;
    else value = Array.isArray(value) ? value[step.index] : undefined;
  }
  return value;
}

function children(value: unknown, step: JqStep, at: Location): Location[] {
  switch (step.type) {
    case "key":
      return isPlainObject(value) && Object.hasOwn(value, step.key) ? [[...at, step.key]] : [];
    case "index":
      return Array.isArray(value) && step.index < value.length ? [[...at, step.index]] : [];
    case "each":
      if (Array.isArray(value)) return value.map((_, i) => [...at, i]);
      return isPlainObject(value) ? Object.keys(value).map((key) => [...at, key]) : [];
    case "select":
      return deepEqual(valueAt(value, step.path), step.equals) ? [at] : [];
  }
}

function resolve(root: unknown, at: Location): unknown {
  let value = root;
  for (const step of at) value = (value as Record<string | number, unknown>)[step];
  return value;
}

/** Every concrete location (map keys and list indexes) the steps reach inside `root` that exists. */
export function locateJqPath(root: unknown, steps: readonly JqStep[]): Location[] {
  let locations: Location[] = [[]];
  for (const step of steps) locations = locations.flatMap((at) => children(resolve(root, at), step, at));
  return locations.filter((at) => at.length > 0);
}
