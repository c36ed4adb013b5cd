import { subjectOf, type KubeObject, type ResourceKey, type SyncStatus } from "@/lib/types";
import { deepEqual } from "./json";
import { maskSecrets, redactSecretValues } from "./mask";
import { defaultNormalizer, type Normalizer } from "./normalize";
import { overlayDesired } from "./overlay";
import type { FieldPath } from "./field-path";
import { changedFields } from "./paths";
import { unifiedDiff } from "./unified";

/**
 * How one resource compares: `synced` (live matches Git), `modified` (live differs),
 * `missing` (not in the cluster yet), `prunable` (in the cluster, no longer in Git).
 */
export type DiffState = "synced" | "modified" | "missing" | "prunable";

/** What to compare for one resource. Every object is read, never mutated. */
export interface CompareInput {
  key: ResourceKey;
  /** The object rendered from Git; undefined when the resource is no longer in Git. */
  desired?: KubeObject;
  /**
   * What the API server would make of `desired`: the result of a server-side apply dry run
   * (field manager `lockstep`, force), defaults and admission mutations included. Undefined
   * when the dry run failed or there is nothing to apply.
   */
  predicted?: KubeObject;
  /** The live object; for a resource no longer in Git, pass it only when the app owns it. */
  live?: KubeObject;
  /** Why the dry run failed, when it did. */
  dryRunError?: string;
  /** Fields to ignore. @default defaultNormalizer */
  normalizer?: Normalizer;
}

/**
 * The comparison of one resource, safe to show and to store: Secret values are masked. Its
 * unified diff is not part of it: `diffTextOf` prints it from `live` and `target` when a page
 * or an API answer shows it, as most comparisons are never looked at.
 */
export interface ResourceDiff {
  key: ResourceKey;
  subject: string;
  status: Exclude<SyncStatus, "Unknown">;
  state: DiffState;
  /**
   * Field paths that differ, sorted; empty for `synced`, `missing` and `prunable`. Structured,
   * for lib/drift to match against `managedFields`; print with `formatFieldPath` to show.
   */
  changedFields: FieldPath[];
  /** True when syncing would delete the live object. */
  requiresPruning: boolean;
  /** The dry run's error, with any Secret value redacted. */
  dryRunError?: string;
  /** The live object, normalized and masked. */
  live?: KubeObject;
  /** What the live object should become (the prediction, or desired when missing), normalized and masked. */
  target?: KubeObject;
}

/** Options of `summarizeSync`. */
export interface SummarizeOptions {
  /** The comparison itself failed (render, list or dry run), so nothing can be claimed. @default false */
  comparisonFailed?: boolean;
}

/**
 * Compares one resource as Argo CD's server-side diff does: the dry-run prediction against
 * the live object, both normalized, so fields the server defaults never show as drift. When
 * the dry run failed, the desired fields laid over live stand in for the prediction, and the
 * error travels along.
 */
export function compareResource(input: CompareInput): ResourceDiff {
  const normalizer = input.normalizer ?? defaultNormalizer;
  const normalize = (obj: KubeObject | undefined) => (obj ? normalizer.normalize(obj) : undefined);
  const subject = subjectOf(input.key);
  const dryRunError = input.dryRunError
    ? redactSecretValues(input.dryRunError, [input.desired, input.predicted, input.live])
    : undefined;
  const base = { key: input.key, subject, ...(dryRunError ? { dryRunError } : {}) };

  if (!input.desired) {
    const { live } = maskSecrets(undefined, normalize(input.live));
    const state: DiffState = live ? "prunable" : "synced";
    return { ...base, ...resultOf(state, []), live };
  }
  if (!input.live) {
    const { desired: target } = maskSecrets(normalize(input.desired), undefined);
    return { ...base, ...resultOf("missing", []), target };
  }
  const prediction = input.predicted ?? overlayDesired(input.live, input.desired);
  const { desired: target, live } = maskSecrets(normalize(prediction), normalize(input.live));
  if (deepEqual(target, live)) return { ...base, ...resultOf("synced", []), live, target };
  return { ...base, ...resultOf("modified", changedFields(live, target)), live, target };
}

/**
 * A resource's unified YAML diff from live to desired (Secret values masked, as its objects
 * are); empty when it is synced or its objects were not kept.
 */
export function diffTextOf(resource: Pick<ResourceDiff, "subject" | "state" | "live" | "target">): string {
  if (resource.state === "synced") return "";
  return unifiedDiff({ subject: resource.subject, before: resource.live, after: resource.target });
}

/**
 * The comparison of a resource already known to be synced (a cached verdict), without its
 * objects: nothing to show, nothing to keep in memory.
 */
export function syncedResource(key: ResourceKey): ResourceDiff {
  return { key, subject: subjectOf(key), ...resultOf("synced", []) };
}

/** The app-level sync status: Synced when every resource is, Unknown when comparison failed. */
export function summarizeSync(diffs: readonly ResourceDiff[], options: SummarizeOptions = {}): SyncStatus {
  if (options.comparisonFailed) return "Unknown";
  return diffs.every((diff) => diff.status === "Synced") ? "Synced" : "OutOfSync";
}

function resultOf(state: DiffState, paths: FieldPath[]): Pick<ResourceDiff, "state" | "status" | "changedFields" | "requiresPruning"> {
  return {
    state,
    status: state === "synced" ? "Synced" : "OutOfSync",
    changedFields: paths,
    requiresPruning: state === "prunable",
  };
}
