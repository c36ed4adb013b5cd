/**
 * Applying `ignoreDifferences` rules to one comparison: the fields they name are removed from
 * both sides — the dry-run prediction and the live object — before normalization, so they never
 * make a resource OutOfSync, never show in its diff or changed fields, and never reach the
 * Drift page or self-heal, which read those. Plugs into {@link compareResource} as a
 * {@link Normalizer}.
 */
import type { KubeObject } from "@/lib/types";
import { ruleApplies, type IgnoreRule } from "./ignore-rules";
import { locateJqPath, parseJqPath } from "./jq-path";
import { isPlainObject } from "./json";
import { locatePointer, parseJsonPointer } from "./json-pointer";
import { defaultNormalizer, type Normalizer } from "./normalize";
import { locateFieldSet, removeLocations, type Location } from "./remove-fields";

/** The rules that apply to one object, in the order given. */
export function rulesFor(rules: readonly IgnoreRule[], obj: KubeObject): IgnoreRule[] {
  return rules.filter((rule) => ruleApplies(rule, obj));
}

interface ManagedFieldsEntry {
  manager?: unknown;
  subresource?: unknown;
  fieldsV1?: unknown;
}

/** The `managedFields` entries of the live object that belong to one of the managers. */
function entriesOf(live: KubeObject | undefined, managers: ReadonlySet<string>): ManagedFieldsEntry[] {
  const entries = live?.metadata.managedFields;
  if (!Array.isArray(entries) || managers.size === 0) return [];
  return (entries as ManagedFieldsEntry[]).filter((e) => typeof e.manager === "string" && managers.has(e.manager) && isPlainObject(e.fieldsV1));
}

function managersOf(rules: readonly IgnoreRule[]): Set<string> {
  return new Set(rules.flatMap((rule) => rule.managedFieldsManagers ?? []));
}

/**
 * Every location in `obj` the rules name: pointers and expressions are resolved on `obj`
 * itself; manager rules read the field sets of the live object's `managedFields` (the only
 * side that has them) and find those fields in `obj`. Entries that do not parse are skipped:
 * the app spec refuses them on input.
 */
export function ignoredLocations(obj: KubeObject, rules: readonly IgnoreRule[], live: KubeObject | undefined): Location[] {
  const found: Location[] = [];
  for (const rule of rules) {
    for (const pointer of rule.jsonPointers ?? []) {
      const parsed = parseJsonPointer(pointer);
      const at = parsed.ok ? locatePointer(obj, parsed.value) : undefined;
      if (at && at.length > 0) found.push(at);
    }
    for (const expression of rule.jqPathExpressions ?? []) {
      const parsed = parseJqPath(expression);
      if (parsed.ok) found.push(...locateJqPath(obj, parsed.value));
    }
  }
  for (const entry of entriesOf(live, managersOf(rules))) found.push(...locateFieldSet(obj, entry.fieldsV1 as Record<string, unknown>));
  return found.filter((at) => !isIdentity(at));
}

/** The fields that say which object this is, never ignored: apiVersion, kind, metadata, its name and namespace. */
function isIdentity(at: Location): boolean {
  if (at.length === 1) return at[0] === "apiVersion" || at[0] === "kind" || at[0] === "metadata";
  return at.length === 2 && at[0] === "metadata" && (at[1] === "name" || at[1] === "namespace");
}

/**
 * A normalizer that removes the fields the rules name (see {@link ignoredLocations}), then
 * applies `base`. Build one per live object: manager rules read its `managedFields`.
 */
export function ignoringNormalizer(rules: readonly IgnoreRule[], live: KubeObject | undefined, base: Normalizer = defaultNormalizer): Normalizer {
  if (rules.length === 0) return base;
  return { normalize: (obj) => base.normalize(removeLocations(obj, ignoredLocations(obj, rules, live))) };
}

/**
 * What, besides the desired and live objects, decides a comparison under these rules: the
 * rules themselves and, for manager rules, those managers' field sets in the live object
 * (which the live object's cache fingerprint leaves out). Empty when no rule applies. A
 * cached "synced" verdict must be keyed on it too, so it never outlives a change of rules or
 * of field ownership.
 */
export function ignoreBasis(rules: readonly IgnoreRule[], live: KubeObject | undefined): string {
  if (rules.length === 0) return "";
  const ownership = entriesOf(live, managersOf(rules)).map((e) => ({ manager: e.manager, subresource: e.subresource, fieldsV1: e.fieldsV1 }));
  return JSON.stringify({ rules, ownership });
}
