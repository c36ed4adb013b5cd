/**
 * lib/diff — desired vs live, per object. Pure: the engine hands in the rendered object, the
 * server-side apply dry-run result and the live object; this module normalizes away
 * server-owned noise, masks Secret values, and reports state, changed field paths (as
 * structured `FieldPath`s, printed only for display) and a unified YAML diff. It never talks
 * to the cluster.
 */
export { compareResource, diffTextOf, summarizeSync, syncedResource } from "./compare";
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
export { defaultIgnoreRules, ruleApplies } from "./ignore-rules";
export type { IgnoreRule } from "./ignore-rules";
export { ignoreBasis, ignoredLocations, ignoringNormalizer, rulesFor } from "./ignore";
export { JQ_SUBSET, locateJqPath, parseJqPath } from "./jq-path";
export type { JqScalar, JqStep } from "./jq-path";
export { locatePointer, parseJsonPointer } from "./json-pointer";
export type { ParseResult } from "./json-pointer";
