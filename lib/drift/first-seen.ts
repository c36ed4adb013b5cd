/** What the previous refresh recorded about one resource. */
export interface DriftMark {
  subject: string;
  status: string;
  /** When the resource was first seen out of sync, as an ISO timestamp. */
  driftSince?: string;
}

/**
 * When each out-of-sync resource first drifted: kept from the previous refresh while the
 * resource stayed out of sync, `now` for one that just drifted. Synced resources get none,
 * so drift that resolves and comes back starts a new clock.
 */
export function driftSince(current: readonly { subject: string; status: string }[], previous: readonly DriftMark[], now: Date): Map<string, string> {
  const before = new Map(previous.map((p) => [p.subject, p]));
  const since = new Map<string, string>();
  for (const resource of current) {
    if (resource.status !== "OutOfSync") continue;
    const earlier = before.get(resource.subject);
    since.set(resource.subject, earlier?.status === "OutOfSync" && earlier.driftSince ? earlier.driftSince : now.toISOString());
  }
  return since;
}
