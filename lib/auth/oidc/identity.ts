/**
 * Who an ID token names. A user is keyed on the issuer and subject (`iss`, `sub`): OIDC Core
 * §5.7 makes that pair the only stable, unique identifier, since `preferred_username` and
 * `email` are whatever the provider lets people set. The name is kept for display only:
 * `preferred_username`, else the email — only when the provider says it verified it — else
 * the subject.
 */
import { userNameSchema } from "../schemas";

/** An identity from an ID token: its key and the name to show it under. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** A valid Lockstep user name (see `userNameSchema`); not unique, not a key. */
  displayName: string;
}

/** The identity an ID token names, or why Lockstep refuses it. */
export type IdentityMapping = { ok: true; identity: OidcIdentity } | { ok: false; reason: string };

function claimString(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Maps verified ID token claims to an identity; refuses a token without issuer or subject, an unverified email used as the name, or no usable name. */
export function identityFromClaims(claims: Readonly<Record<string, unknown>>): IdentityMapping {
  const issuer = claimString(claims, "iss");
  const subject = claimString(claims, "sub");
  if (!issuer || !subject) return { ok: false, reason: "The identity provider's token names no issuer or subject." };
  const preferred = claimString(claims, "preferred_username");
  const email = claimString(claims, "email");
  if (!preferred && email && claims.email_verified !== true) {
    return { ok: false, reason: `The identity provider has not verified the email "${email.slice(0, 100)}", the only name it gives; ask it to verify the email or send preferred_username.` };
  }
  const parsed = userNameSchema.safeParse(preferred ?? email ?? subject);
  if (!parsed.success) return { ok: false, reason: "The identity provider gave no usable user name (preferred_username, email or sub)." };
  return { ok: true, identity: { issuer, subject, displayName: parsed.data } };
}

const MAX_NAME_LENGTH = 64;

/**
 * The `attempt`-th name to try for a new SSO user whose display name may be taken: the name
 * itself first, then `name-2`, `name-3`… cut to fit the 64-character limit.
 */
export function displayNameCandidate(displayName: string, attempt: number): string {
  if (attempt <= 1) return displayName;
  const suffix = `-${attempt}`;
  return `${displayName.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
}
