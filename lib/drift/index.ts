/**
 * lib/drift — what drifted, who did it and since when: field-manager attribution of changed
 * fields from `managedFields`, the first time a resource was seen out of sync, and the
 * cross-app drift report (with its CSV form) for the Drift page.
 */
export { driftSince, type DriftMark } from "./first-seen";
export { attributeChanges, type FieldChange } from "./managers";
export { driftCsv } from "./drift-csv";
export { buildDriftReport, createDriftReader, type DriftEntry, type DriftQuery, type DriftReport, type DriftRow } from "./report";
