import type { KubeObject } from "@/lib/types";
import { formatFieldPath } from "./field-path";

/**
 * Removes what a diff should not show. The one seam for tuning comparison (a future
 * `ignoreDifferences` plugs in here), after gitops-engine's one-method `Normalizer`.
 */
export interface Normalizer {
  /** A copy of `obj` without the fields this normalizer ignores; never mutates `obj`. */
  normalize(obj: KubeObject): KubeObject;
}

/** Metadata fields written by the API server, never by a user. */
const SERVER_METADATA_FIELDS = [
  "managedFields",
  "resourceVersion",
  "uid",
  "generation",
  "creationTimestamp",
  "selfLink",
  "deletionGracePeriodSeconds",
] as const;

/** Annotations written by clients and controllers as bookkeeping, not configuration. */
export const BOOKKEEPING_ANNOTATIONS = [
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
] as const;

/**
 * Every field path `normalizeForDiff` drops, printed by `formatFieldPath`, so the UI can say
 * what a comparison ignores.
 */
export const IGNORED_PATHS: readonly string[] = [
  ...SERVER_METADATA_FIELDS.map((field) => formatFieldPath(["metadata", field])),
  ...BOOKKEEPING_ANNOTATIONS.map((annotation) => formatFieldPath(["metadata", "annotations", annotation])),
  formatFieldPath(["status"]),
];

/**
 * A deep copy of `obj` without server-owned noise: the metadata the API server writes
 * (`managedFields`, `resourceVersion`, `uid`...), bookkeeping annotations and the top-level
 * `status`. Label and annotation maps left empty are dropped, as an absent map and an empty
 * one mean the same.
 */
export function normalizeForDiff(obj: KubeObject): KubeObject {
  const copy: KubeObject = structuredClone({ ...obj, status: undefined, metadata: { ...obj.metadata, managedFields: undefined } });
  delete copy.status;
  const metadata = copy.metadata;
  for (const field of SERVER_METADATA_FIELDS) delete metadata[field];
  if (metadata.annotations) {
    for (const annotation of BOOKKEEPING_ANNOTATIONS) delete metadata.annotations[annotation];
    if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  }
  if (metadata.labels && Object.keys(metadata.labels).length === 0) delete metadata.labels;
  return copy;
}

/** The normalizer used when the caller supplies none: `normalizeForDiff`. */
export const defaultNormalizer: Normalizer = { normalize: normalizeForDiff };
