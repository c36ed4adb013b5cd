/**
 * lib/diff — desired vs live, per object. Pure: the engine hands in the rendered object, the
 * server-side apply dry-run result and the live object; this module normalizes away
 * server-owned noise, masks Secret values, and reports state, changed field paths (as
 * structured `FieldPath`s, printed only for display) and a unified YAML diff. It never talks
 * to the cluster.
 */
export { compareResource, summarizeSync, syncedResource } from "./compare";
export type { CompareInput, DiffState, ResourceDiff, SummarizeOptions } from "./compare";
export { containsSecretValue, isSecret, maskSecretObject, maskSecrets, redactSecretValues } from "./mask";
export type { MaskedPair } from "./mask";
export { BOOKKEEPING_ANNOTATIONS, defaultNormalizer, IGNORED_PATHS, normalizeForDiff } from "./normalize";
export type { Normalizer } from "./normalize";
export { compareFieldPaths, formatFieldPath } from "./field-path";
export type { FieldPath, ListItemSelector, PathSegment } from "./field-path";
export { changedFields } from "./paths";
export { sideBySide, toYaml, unifiedDiff } from "./unified";
export type { SideBySideRow, UnifiedDiffInput } from "./unified";
