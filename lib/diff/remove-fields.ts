/**
 * Removing fields from a copy of an object, by concrete location (map keys and list indexes),
 * and finding the locations a field manager's `fieldsV1` set names. The mechanics under
 * `ignoreDifferences`: both sides of a comparison lose the same fields before they are compared.
 */
import { deepEqual, isPlainObject } from "./json";

/** A concrete place inside an object: map keys and list indexes from the root. */
export type Location = readonly (string | number)[];

const REMOVED = Symbol("removed");

function parentOf(root: unknown, at: Location): unknown {
  let value = root;
  for (const step of at.slice(0, -1)) {
    if (value === REMOVED || value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/**
 * A deep copy of `obj` without the fields at `locations` (all found on `obj` itself, before any
 * removal). List elements are removed without shifting the indexes of the others; maps and
 * lists left empty by a removal are removed too, so an ignored field never leaves an empty
 * parent behind on one side only.
 */
export function removeLocations<T>(obj: T, locations: readonly Location[]): T {
  if (locations.length === 0) return obj;
  const copy = structuredClone(obj);
  const touched = new Set<unknown[]>();
  const remove = (at: Location): boolean => {
    const parent = parentOf(copy, at);
    const last = at.at(-1);
    if (Array.isArray(parent) && typeof last === "number" && last < parent.length && parent[last] !== REMOVED) {
      parent[last] = REMOVED;
      touched.add(parent);
      return true;
    }
    if (isPlainObject(parent) && typeof last === "string" && Object.hasOwn(parent, last)) {
      delete parent[last];
      return true;
    }
    return false;
  };
  for (const at of locations) {
    if (!remove(at)) continue;
    for (let depth = at.length - 1; depth > 0 && isEmptied(parentOf(copy, at.slice(0, depth + 1))); depth--) remove(at.slice(0, depth));
  }
  for (const list of touched) {
    const kept = list.filter((item) => item !== REMOVED);
    list.splice(0, list.length, ...kept);
  }
  return copy;
}

/** True for a map without keys or a list whose every element is removed. */
function isEmptied(value: unknown): boolean {
  return (Array.isArray(value) && value.every((item) => item === REMOVED)) || (isPlainObject(value) && Object.keys(value).length === 0);
}

type FieldSet = Record<string, unknown>;

/** The indexes of the list elements a `fieldsV1` element key (`k:`, `v:` or `i:`) names. */
function elementIndexes(list: unknown[], key: string): number[] {
  if (key.startsWith("i:")) {
    const index = Number(key.slice(2));
    return Number.isInteger(index) && index < list.length ? [index] : [];
  }
  let wanted: unknown;
  try {
    wanted = JSON.parse(key.slice(2));
  } catch {
    return [];
  }
  if (key.startsWith("v:")) return list.flatMap((item, i) => (deepEqual(item, wanted) ? [i] : []));
  if (!key.startsWith("k:") || !isPlainObject(wanted)) return [];
  const fields = Object.entries(wanted);
  return list.flatMap((item, i) => (isPlainObject(item) && fields.every(([field, value]) => deepEqual(item[field], value)) ? [i] : []));
}

/**
 * Where the fields of a manager's `fieldsV1` set are inside `root`, as the API server's
 * structured-merge-diff encodes them (`f:` keys, `k:`/`v:`/`i:` list elements, `.` for the
 * node itself). A leaf is removed as a field; a list element the manager owns as a whole
 * (its node holds `.`) is removed whole, as the manager added it; a map is never removed
 * whole, only the fields of it the set names, so fields other writers set stay compared.
 */
export function locateFieldSet(root: unknown, set: FieldSet, at: (string | number)[] = []): Location[] {
  const found: Location[] = [];
  for (const [key, child] of Object.entries(set)) {
    if (key === "." || !isPlainObject(child)) continue;
    const isLeaf = Object.keys(child).every((k) => k === ".");
    if (key.startsWith("f:")) {
      const field = key.slice(2);
      if (!isPlainObject(root) || !Object.hasOwn(root, field)) continue;
      if (isLeaf) found.push([...at, field]);
      else found.push(...locateFieldSet(root[field], child, [...at, field]));
    } else if (Array.isArray(root)) {
      for (const index of elementIndexes(root, key)) {
        if (isLeaf || Object.hasOwn(child, ".")) found.push([...at, index]);
        else found.push(...locateFieldSet(root[index], child, [...at, index]));
      }
    }
  }
  return found;
}
