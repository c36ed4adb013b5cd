/**
 * A dry run's outcome known without asking the API server, for the commonest change of all: a
 * new image tag, a changed environment value, a ConfigMap's data, a replica count. When the
 * previous desired object is known to apply as a no-op to the live object (its dry-run verdict
 * is `synced`), and the new desired object differs from it only in such plain values, which the
 * live object still holds as the previous desired object set them, then the server would answer
 * the live object with those values replaced — nothing else of it depends on them. One push
 * that bumps a thousand apps' images then costs no dry run at all; any other change (a field
 * added or removed, a list grown, a value the server may normalize or validate against others)
 * still goes to the dry run.
 */
import type { KubeObject } from "@/lib/types";

type Segment = string | number;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Plain values whose change the API server applies as given, by where they sit. */
function isPlainValuePath(path: readonly Segment[], before: unknown): boolean {
  const keys = path.filter((s): s is string => typeof s === "string");
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (typeof before === "string") {
    if (last === "image") return keys.includes("containers") || keys.includes("initContainers");
    if (last === "value" && path[path.length - 3] === "env") return true;
    if (typeof last === "number" && (parent === "args" || parent === "command")) return true;
    if (path.length === 2 && (path[0] === "data" || path[0] === "stringData" || path[0] === "binaryData")) return true;
    if (path.length === 3 && path[0] === "metadata" && path[1] === "annotations") return true;
    return false;
  }
  if (typeof before === "number") {
    if (path.length === 2 && path[0] === "spec" && last === "replicas") return true;
    return last === "targetPort" && keys.includes("ports");
  }
  return false;
}

/** A new value the API server would accept where it sits (else its dry run has an error to show). */
function isValidValue(path: readonly Segment[], value: unknown): boolean {
  const last = path[path.length - 1];
  if (last === "replicas") return Number.isInteger(value) && (value as number) >= 0;
  if (last === "targetPort") return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
  if (last === "image") return typeof value === "string" && value.trim() !== "";
  return true;
}

/** The paths where `after` differs from `before`, when both have the same shape and differ only in plain values; undefined otherwise. */
function plainChanges(before: unknown, after: unknown, path: Segment[] = [], found: Segment[][] = []): Segment[][] | undefined {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return undefined;
    for (let i = 0; i < before.length; i++) if (!plainChanges(before[i], after[i], [...path, i], found)) return undefined;
    return found;
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = Object.keys(before);
    if (keys.length !== Object.keys(after).length) return undefined;
    for (const key of keys) {
      if (!(key in after) || !plainChanges(before[key], after[key], [...path, key], found)) return undefined;
    }
    return found;
  }
  if (before === after) return found;
  if (typeof before !== typeof after || !isPlainValuePath(path, before) || !isValidValue(path, after)) return undefined;
  found.push(path);
  return found;
}

/**
 * Where a path of the desired object lies in the live object: list elements are matched by
 * position, and must carry the same `name` when the desired element has one (containers, env
 * variables, ports). Undefined when the live object has no such place.
 */
function livePath(desired: unknown, live: unknown, path: readonly Segment[]): Segment[] | undefined {
  const resolved: Segment[] = [];
  let d = desired;
  let l = live;
  for (const segment of path) {
    if (typeof segment === "number") {
      if (!Array.isArray(d) || !Array.isArray(l) || segment >= l.length) return undefined;
      const name = isRecord(d[segment]) ? (d[segment] as Record<string, unknown>).name : undefined;
      if (name !== undefined && (!isRecord(l[segment]) || (l[segment] as Record<string, unknown>).name !== name)) return undefined;
      d = d[segment];
      l = l[segment];
    } else {
      if (!isRecord(d) || !isRecord(l) || !(segment in l)) return undefined;
      d = d[segment];
      l = l[segment];
    }
    resolved.push(segment);
  }
  return resolved;
}

function valueAt(obj: unknown, path: readonly Segment[]): unknown {
  return path.reduce<unknown>((node, segment) => (node as Record<Segment, unknown> | undefined)?.[segment], obj);
}

/**
 * `node` with the value at `path` replaced: only the objects and lists along the path are
 * copied, everything else is shared with `node` (live objects are never changed in place, and
 * a copy of a whole live object, managed fields and all, costs more than the rest of comparing it).
 */
function withValueAt(node: unknown, path: readonly Segment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  const copy = (Array.isArray(node) ? [...(node as unknown[])] : { ...(node as Record<string, unknown>) }) as Record<Segment, unknown>;
  copy[head] = withValueAt((node as Record<Segment, unknown>)[head], rest, value);
  return copy;
}

/**
 * What the API server would answer to applying `after`, knowing that applying `before` to
 * `live` changes nothing: `live` with the plain values that differ set to `after`'s. Undefined
 * when the change is not of that kind, or `live` does not hold `before`'s values there — then
 * only a dry run can tell.
 */
export function predictKnownChange(before: KubeObject, after: KubeObject, live: KubeObject): KubeObject | undefined {
  if (before.apiVersion !== after.apiVersion || before.kind !== after.kind) return undefined;
  const changes = plainChanges(before, after);
  if (!changes || changes.length === 0) return undefined;
  let predicted: unknown = live;
  for (const path of changes) {
    const at = livePath(before, live, path);
    if (!at || valueAt(live, at) !== valueAt(before, path)) return undefined;
    predicted = withValueAt(predicted, at, valueAt(after, path));
  }
  return predicted as KubeObject;
}
