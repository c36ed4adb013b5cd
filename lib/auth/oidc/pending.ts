/**
 * The single sign-ons under way, by their state: kept for ten minutes and at most a thousand,
 * so a flood of sign-in starts cannot grow the server's memory without bound (the oldest are
 * dropped first; their browsers start again). One per OIDC flow object.
 */

/** A sign-in started at the identity provider: what its callback needs. */
export interface PendingSignIn {
  verifier: string;
  nonce: string;
  next: string;
  redirectUri: string;
  createdAt: number;
}

/** Options of {@link createPendingSignIns}. */
export interface PendingSignInsOptions {
  clock: () => number;
  /** How long a sign-in may take. @default 10 minutes */
  ttlMs?: number;
  /** Sign-ins kept at most. @default 1000 */
  max?: number;
}

/** The pending sign-ins of one flow. */
export function createPendingSignIns({ clock, ttlMs = 10 * 60_000, max = 1000 }: PendingSignInsOptions) {
  const pending = new Map<string, PendingSignIn>();

  function isExpired(entry: PendingSignIn): boolean {
    return clock() - entry.createdAt > ttlMs;
  }

  /** Keeps a new sign-in under its state, after removing the expired ones and, beyond `max`, the oldest. */
  function add(state: string, entry: Omit<PendingSignIn, "createdAt">): void {
    for (const [key, kept] of pending) if (isExpired(kept)) pending.delete(key);
    for (const key of pending.keys()) {
      if (pending.size < max) break;
      pending.delete(key);
    }
    pending.set(state, { ...entry, createdAt: clock() });
  }

  /** Takes the sign-in of a state once (a replayed callback finds nothing); undefined when unknown or expired. */
  function take(state: string): PendingSignIn | undefined {
    const entry = pending.get(state);
    pending.delete(state);
    return entry && !isExpired(entry) ? entry : undefined;
  }

  /** How many sign-ins are kept. */
  function size(): number {
    return pending.size;
  }

  return { add, take, size };
}
