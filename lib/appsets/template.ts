/**
 * `{{key}}` placeholders, as Argo CD's ApplicationSet fasttemplate: each is replaced by the
 * generator's value of that key; whitespace inside the braces is ignored. A key the generator
 * does not give is an error, never an empty string.
 */
import type { Params } from "./params";

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A placeholder that names no value the generator gives. */
export class UnknownPlaceholderError extends Error {
  constructor(
    readonly key: string,
    readonly known: readonly string[],
  ) {
    super(`The placeholder {{${key}}} is not a value the generator gives${known.length > 0 ? ` (it gives: ${known.join(", ")})` : ""}.`);
    this.name = "UnknownPlaceholderError";
  }
}

/** True when `text` holds at least one placeholder. */
export function hasPlaceholder(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}

/** Replaces every placeholder of `text`. @throws UnknownPlaceholderError */
export function renderString(text: string, params: Params): string {
  return text.replace(PLACEHOLDER, (_match, key: string) => {
    const value = params[key];
    if (value === undefined) throw new UnknownPlaceholderError(key, Object.keys(params).sort());
    return value;
  });
}

/** Replaces the placeholders in every string of a JSON-like value (object keys stay as written). @throws UnknownPlaceholderError */
export function renderValue<T>(value: T, params: Params): T {
  if (typeof value === "string") return renderString(value, params) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => renderValue(item, params)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, params)])) as T;
  }
  return value;
}
