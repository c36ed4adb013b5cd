/**
 * Field paths as data, and the one way they are printed. lib/diff produces them, lib/drift
 * matches them against `managedFields` segment by segment; only people see the printed form
 * (`spec.replicas`, `metadata.annotations["lockstep.dev/x"]`, `spec.containers[name=web].image`,
 * `spec.ports[0]`), and nothing reads it back.
 */

/**
 * An element of an associative list, chosen by its `name` field (containers, ports, env), as
 * Kubernetes merges such lists by key rather than by position.
 */
export interface ListItemSelector {
  readonly name: string;
}

/** One step of a field path: a map key, a list index, or a list element matched by its `name`. */
export type PathSegment = string | number | ListItemSelector;

/**
 * A field path as structured data, e.g. `["spec", "containers", { name: "web" }, "image"]`:
 * the form modules hand each other. Print it with {@link formatFieldPath} for display only.
 */
export type FieldPath = readonly PathSegment[];

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;
const PLAIN_NAME = /^[A-Za-z0-9_.:-]+$/;

/** Formats one segment; `first` omits the leading dot of a plain key. */
function formatSegment(segment: PathSegment, first: boolean): string {
  if (typeof segment === "number") return `[${segment}]`;
  if (typeof segment === "object") {
    return PLAIN_NAME.test(segment.name) ? `[name=${segment.name}]` : `[name=${JSON.stringify(segment.name)}]`;
  }
  if (!PLAIN_KEY.test(segment)) return `[${JSON.stringify(segment)}]`;
  return first ? segment : `.${segment}`;
}

/**
 * The display form of a path (UI, CSV, stored status rows); keys holding dots, slashes or
 * other punctuation are quoted in brackets so the printed path stays unambiguous.
 */
export function formatFieldPath(segments: FieldPath): string {
  return segments.map((segment, i) => formatSegment(segment, i === 0)).join("");
}

/** Orders paths segment by segment, list indexes numerically, so `[2]` precedes `[10]`. */
export function compareFieldPaths(a: FieldPath, b: FieldPath): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] as PathSegment;
    const y = b[i] as PathSegment;
    if (typeof x === "number" && typeof y === "number") {
      if (x !== y) return x - y;
      continue;
    }
    const fx = formatSegment(x, true);
    const fy = formatSegment(y, true);
    if (fx !== fy) return fx < fy ? -1 : 1;
  }
  return a.length - b.length;
}
