import { formatFieldPath, type FieldPath, type ListItemSelector, type PathSegment } from "@/lib/diff/field-path";
import { FIELD_MANAGER, type KubeObject } from "@/lib/types";

/** One changed field of a drifted resource and who last wrote it in the cluster. */
export interface FieldChange {
  /**
   * The field path in display form (`formatFieldPath`), as stored with the app's status and
   * shown on the Drift page and in its CSV; nothing reads it back.
   */
  path: string;
  /** The field manager that owns the live value (`kubectl-set`, `kubectl`...), when known. */
  manager?: string;
  /** `Update` or `Apply`. */
  operation?: string;
  /** The subresource the manager wrote through (`scale`), if any. */
  subresource?: string;
  /** When that manager last changed the object, when the API recorded it. */
  changedAt?: string;
}

/** One entry of `metadata.managedFields`. */
interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
}

type FieldSet = Record<string, unknown>;

function isFieldSet(value: unknown): value is FieldSet {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sameFields(key: Record<string, unknown>, element: unknown): boolean {
  if (!isFieldSet(element)) return false;
  return Object.entries(key).every(([field, value]) => JSON.stringify(element[field]) === JSON.stringify(value));
}

/** The key of a list element inside a field set: `k:{...}` by its key fields, `v:` by value, or `i:` by index. */
function elementKey(set: FieldSet, element: unknown, index: number | undefined, name: string | undefined): string | undefined {
  for (const key of Object.keys(set)) {
    if (key.startsWith("k:")) {
      const fields = JSON.parse(key.slice(2)) as Record<string, unknown>;
      if (name !== undefined && Object.keys(fields).length === 1 && fields.name === name) return key;
      if (element !== undefined && sameFields(fields, element)) return key;
    } else if (key.startsWith("v:") && element !== undefined && key.slice(2) === JSON.stringify(element)) {
      return key;
    }
  }
  return index !== undefined && Object.hasOwn(set, `i:${index}`) ? `i:${index}` : undefined;
}

/** The live list element a segment points at, with its index. */
function liveElement(list: unknown, segment: number | ListItemSelector): { element: unknown; index?: number } {
  if (!Array.isArray(list)) return { element: undefined, index: typeof segment === "number" ? segment : undefined };
  if (typeof segment === "number") return { element: list[segment], index: segment };
  const index = list.findIndex((item) => isFieldSet(item) && item.name === segment.name);
  return index === -1 ? { element: undefined } : { element: list[index], index };
}

/** How many leading segments of the path an entry's field set contains. */
function matchDepth(fields: FieldSet, segments: FieldPath, live: unknown): number {
  let set: FieldSet = fields;
  let value: unknown = live;
  for (let depth = 0; depth < segments.length; depth++) {
    const segment = segments[depth] as PathSegment;
    let key: string | undefined;
    if (typeof segment === "string") {
      key = `f:${segment}`;
      value = isFieldSet(value) ? value[segment] : undefined;
    } else {
      const { element, index } = liveElement(value, segment);
      key = elementKey(set, element, index, typeof segment === "object" ? segment.name : undefined);
      value = element;
    }
    const next = key === undefined ? undefined : set[key];
    if (!isFieldSet(next)) return depth;
    set = next;
  }
  return segments.length;
}

function entriesOf(live: KubeObject): ManagedFieldsEntry[] {
  const entries = live.metadata.managedFields;
  if (!Array.isArray(entries)) return [];
  return (entries as ManagedFieldsEntry[]).filter((e) => isFieldSet(e.fieldsV1) && typeof e.manager === "string");
}

function newestFirst(a: ManagedFieldsEntry, b: ManagedFieldsEntry): number {
  return (b.time ?? "").localeCompare(a.time ?? "");
}

function describe(path: string, entry: ManagedFieldsEntry | undefined): FieldChange {
  if (!entry) return { path };
  return {
    path,
    manager: entry.manager,
    ...(entry.operation ? { operation: entry.operation } : {}),
    ...(entry.subresource ? { subresource: entry.subresource } : {}),
    ...(entry.time ? { changedAt: entry.time } : {}),
  };
}

/**
 * Who wrote each changed field of a live object, from its `managedFields`: the manager whose
 * field set holds the full path — another writer before Lockstep (it is the one that moved the
 * value away from Git), then the most recent. A field removed from the cluster has no owner;
 * the writer that owns its parent (not Lockstep) is named then, when there is one. Takes the
 * diff's structured paths (`ResourceDiff.changedFields`) and matches them segment by segment.
 */
export function attributeChanges(live: KubeObject, paths: readonly FieldPath[]): FieldChange[] {
  const entries = entriesOf(live);
  return paths.map((segments) => {
    const path = formatFieldPath(segments);
    const depths = entries.map((entry) => ({ entry, depth: matchDepth(entry.fieldsV1 as FieldSet, segments, live) }));
    const owners = depths.filter((d) => d.depth === segments.length).map((d) => d.entry);
    const others = owners.filter((e) => e.manager !== FIELD_MANAGER).sort(newestFirst);
    if (owners.length > 0) return describe(path, others[0] ?? owners[0]);
    const parents = depths
      .filter((d) => d.depth === segments.length - 1 && d.depth > 0 && d.entry.manager !== FIELD_MANAGER)
      .map((d) => d.entry)
      .sort(newestFirst);
    return describe(path, parents[0]);
  });
}
