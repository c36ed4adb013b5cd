import { compareFieldPaths, type FieldPath, type PathSegment } from "./field-path";
import { deepEqual, isPlainObject, namesOfNamedLists } from "./json";

/**
 * The field paths at which two objects differ, sorted, e.g.
 * `["spec", "template", "spec", "containers", { name: "web" }, "image"]`. A subtree present on one side only is
 * reported once, at its root. Lists whose elements all carry a unique `name` are matched by
 * name, other lists by index; a named list whose shared elements merely changed order is
 * reported at the list itself.
 */
export function changedFields(a: unknown, b: unknown): FieldPath[] {
  const found: PathSegment[][] = [];
  walk(a ?? {}, b ?? {}, [], found);
  return found.sort(compareFieldPaths);
}

function walk(a: unknown, b: unknown, path: PathSegment[], found: PathSegment[][]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      walk(a[key], b[key], [...path, key], found);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    walkList(a, b, path, found);
    return;
  }
  if (!deepEqual(a, b)) found.push(path);
}

function walkList(a: unknown[], b: unknown[], path: PathSegment[], found: PathSegment[][]): void {
  const names = namesOfNamedLists(a, b);
  if (names) {
    const [namesA = [], namesB = []] = names;
    if (!isSameOrder(namesA, namesB)) found.push(path);
    for (const name of new Set([...namesA, ...namesB])) {
      walk(a[namesA.indexOf(name)], b[namesB.indexOf(name)], [...path, { name }], found);
    }
    return;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i], found);
}

function isSameOrder(namesA: string[], namesB: string[]): boolean {
  const sharedA = namesA.filter((name) => namesB.includes(name));
  const sharedB = namesB.filter((name) => namesA.includes(name));
  return sharedA.every((name, i) => name === sharedB[i]);
}
