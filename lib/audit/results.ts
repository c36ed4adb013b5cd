/**
 * The outcomes an audit entry records, and how an HTTP status maps to one. Pure, so the proxy
 * and pages may use them without reaching the audit store.
 */

/** The outcome of an audited request. */
export const AUDIT_RESULTS = ["succeeded", "failed", "denied"] as const;
/** One of {@link AUDIT_RESULTS}. */
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** The audit result of an HTTP status: refusals of identity or rights (and rate limits) are denials. */
export function resultOfStatus(status: number): AuditResult {
  if (status === 401 || status === 403 || status === 429) return "denied";
  return status >= 400 || status === 0 ? "failed" : "succeeded";
}
