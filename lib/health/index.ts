/**
 * lib/health — how healthy each live object is, as Argo CD's gitops-engine `pkg/health`
 * judges it. Pure: an object (and optionally what it owns) in, `{status, message}` out; no
 * I/O. One file per kind (deployment.ts, pod.ts...), a dispatcher mapping `group/Kind` to its
 * check (kinds without one are Healthy when present), and the rule that a check which fails
 * gives `Unknown` with the reason rather than an exception. An app's health is the worst of
 * its resources' (`aggregateHealth`).
 */
export { aggregateHealth } from "./aggregate";
export { assessHealth, missingHealth } from "./assess";
export type { AssessHealthOptions } from "./assess";
export type { HealthAssessment, HealthCheck, HealthContext } from "./assessment";
export { healthCheckFor } from "./dispatch";
export { IGNORE_RESTART_POLICY_ANNOTATION } from "./pod";
