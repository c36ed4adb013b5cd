import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { changedFields, formatFieldPath, maskSecrets, toYaml } from "@/lib/diff";
import { keyOf, subjectOf, type KubeObject } from "@/lib/types";

/** How one resource differs between two history entries. */
export type ManifestChange = "added" | "removed" | "changed" | "unchanged";

/** One resource of a comparison between two history entries; Secret values are masked. */
export interface ManifestDiff {
  subject: string;
  change: ManifestChange;
  /** Field paths that differ, for `changed`. */
  changedPaths: string[];
  /** Unified YAML diff from the older entry (`---`) to the newer (`+++`); empty when unchanged. */
  diff: string;
}

/** Labels of the two sides of a comparison, e.g. short SHAs. */
export interface CompareLabels {
  from: string;
  to: string;
}

function bySubject(objects: readonly KubeObject[]): Map<string, KubeObject> {
  return new Map(objects.map((obj) => [subjectOf(keyOf(obj)), obj]));
}

/**
 * Compares the manifests two history entries stored, resource by resource: what was added,
 * removed or changed from `from` to `to`, as unified YAML diffs. Secret values are masked
 * pairwise (lib/diff's `maskSecrets`), so a changed value shows as a changed mask and no
 * value ever appears. Resources come sorted by subject.
 */
export function compareManifestSets(from: readonly KubeObject[], to: readonly KubeObject[], labels: CompareLabels): ManifestDiff[] {
  const before = bySubject(from);
  const after = bySubject(to);
  const subjects = [...new Set([...before.keys(), ...after.keys()])].sort();
  return subjects.map((subject) => {
    const masked = maskSecrets(before.get(subject), after.get(subject));
    const left = masked.desired;
    const right = masked.live;
    const leftText = toYaml(left);
    const rightText = toYaml(right);
    const change: ManifestChange = !left ? "added" : !right ? "removed" : leftText === rightText ? "unchanged" : "changed";
    const diff =
      change === "unchanged"
        ? ""
        : createTwoFilesPatch(`${labels.from}/${subject}`, `${labels.to}/${subject}`, leftText, rightText, undefined, undefined, {
            context: 3,
            headerOptions: FILE_HEADERS_ONLY,
          });
    return { subject, change, changedPaths: change === "changed" && left && right ? changedFields(left, right).map(formatFieldPath) : [], diff };
  });
}
