/**
 * Who may call `POST /api/images`: a CI pipeline presenting
 * `Authorization: Bearer <token>` where the token equals `LOCKSTEP_CI_TOKEN`.
 * The comparison takes the same time whatever the token, and with no token
 * configured every request is refused. This is the one place to swap for
 * per-user API tokens once Lockstep has them.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** The environment variable holding the CI token. */
export const CI_TOKEN_VARIABLE = "LOCKSTEP_CI_TOKEN";

/** Why a request was refused, in one sentence; `undefined` when it may proceed. */
export type CiTokenVerdict = { allowed: true } | { allowed: false; reason: string };

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** Compares two strings in time independent of where they differ (and of their lengths, by hashing first). */
export function constantTimeEquals(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Checks the `Authorization` header of a request against the configured CI token.
 * @param configured the token to accept; `process.env.LOCKSTEP_CI_TOKEN` by default.
 */
export function verifyCiToken(authorization: string | null, configured: string | undefined = process.env[CI_TOKEN_VARIABLE]): CiTokenVerdict {
  if (!configured) return { allowed: false, reason: `The image API is disabled: set ${CI_TOKEN_VARIABLE} on the server to accept CI tokens.` };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) return { allowed: false, reason: "A CI token is required: send Authorization: Bearer <token>." };
  if (!constantTimeEquals(match[1], configured)) return { allowed: false, reason: "The CI token is not valid." };
  return { allowed: true };
}
