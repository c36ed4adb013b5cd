/** A JSON object as found inside Kubernetes objects. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality of two JSON values; key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
}

/**
 * The `name` of every element when all elements of the given lists are objects with a
 * string `name`, unique within each list (containers, env, volumes, ports...); otherwise
 * undefined. Such lists are compared element by name, as strategic merge patch does.
 */
export function namesOfNamedLists(...lists: unknown[][]): string[][] | undefined {
  if (lists.every((list) => list.length === 0)) return undefined;
  const result: string[][] = [];
  for (const list of lists) {
    const names = list.map((item) => (isPlainObject(item) && typeof item.name === "string" ? item.name : undefined));
    if (names.some((name) => name === undefined)) return undefined;
    if (new Set(names).size !== names.length) return undefined;
    result.push(names as string[]);
  }
  return result;
}
