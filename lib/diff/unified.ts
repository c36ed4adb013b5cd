import { createTwoFilesPatch, diffLines, FILE_HEADERS_ONLY } from "diff";
import { stringify } from "yaml";
import type { KubeObject } from "@/lib/types";

/** What to diff: two versions of one object, named by its subject. */
export interface UnifiedDiffInput {
  /** The resource's subject, e.g. `Deployment.apps/shop/web`; names both sides of the header. */
  subject: string;
  /** The live object (the `---` side); undefined when it does not exist. */
  before: KubeObject | undefined;
  /** The desired object (the `+++` side); undefined when it is to be pruned. */
  after: KubeObject | undefined;
  /** Lines of context around each change. @default 3 */
  context?: number;
}

/** One row of a side-by-side view; `left` is live, `right` desired, numbers are 1-based. */
export interface SideBySideRow {
  kind: "same" | "added" | "removed" | "changed";
  left?: string;
  right?: string;
  leftLine?: number;
  rightLine?: number;
}

/**
 * An object as YAML, keys in the object's own order, long strings never folded, so that one
 * changed field is one changed line. Undefined yields the empty document.
 */
export function toYaml(obj: KubeObject | undefined): string {
  if (obj === undefined) return "";
  return stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * A unified diff from `live/<subject>` to `desired/<subject>` of the two objects as YAML;
 * the empty string when they print the same.
 */
export function unifiedDiff(input: UnifiedDiffInput): string {
  const before = toYaml(input.before);
  const after = toYaml(input.after);
  if (before === after) return "";
  return createTwoFilesPatch(`live/${input.subject}`, `desired/${input.subject}`, before, after, undefined, undefined, {
    context: input.context ?? 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/**
 * Rows for a side-by-side view of two objects as YAML: a run of removed lines followed by a
 * run of added ones is paired line by line as `changed`; the surplus of either run stays
 * `removed` or `added`.
 */
export function sideBySide(before: KubeObject | undefined, after: KubeObject | undefined): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  const lineNumbers = { left: 0, right: 0 };
  const changes = diffLines(toYaml(before), toYaml(after));
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (change === undefined) continue;
    const lines = linesOf(change.value);
    if (change.removed) {
      const next = changes[i + 1];
      const added = next?.added ? linesOf(next.value) : [];
      if (next?.added) i++;
      rows.push(...pairRuns(lines, added, lineNumbers));
    } else if (change.added) {
      rows.push(...pairRuns([], lines, lineNumbers));
    } else {
      for (const line of lines) {
        rows.push({ kind: "same", left: line, right: line, leftLine: ++lineNumbers.left, rightLine: ++lineNumbers.right });
      }
    }
  }
  return rows;
}

function pairRuns(removed: string[], added: string[], lineNumbers: { left: number; right: number }): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  for (let j = 0; j < Math.max(removed.length, added.length); j++) {
    const left = removed[j];
    const right = added[j];
    const row: SideBySideRow = { kind: left === undefined ? "added" : right === undefined ? "removed" : "changed" };
    if (left !== undefined) Object.assign(row, { left, leftLine: ++lineNumbers.left });
    if (right !== undefined) Object.assign(row, { right, rightLine: ++lineNumbers.right });
    rows.push(row);
  }
  return rows;
}

function linesOf(value: string): string[] {
  const lines = value.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
