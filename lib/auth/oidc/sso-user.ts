/**
 * The Lockstep user of an SSO identity: found by (issuer, subject), updated with the role its
 * groups give at each sign-in, or made at the first one under a free name. Two identities that
 * share a name stay two users — the second gets `name-2` — and a local account's name is never
 * taken over.
 */
import { ConflictError } from "@/lib/errors";
import type { Role } from "../roles";
import type { UserRecord, UsersStore } from "@/lib/db/users";
import { ForbiddenError } from "../errors";
import { displayNameCandidate, type OidcIdentity } from "./identity";

/** How many names (`name`, `name-2` … `name-20`) a new SSO user may be given before Lockstep refuses. */
const MAX_NAME_CANDIDATES = 20;
/** How many times to start over when another sign-in took the name or identity meanwhile. */
const MAX_RACES = 3;

/** What the identity's groups give it at this sign-in. */
export interface SsoAccess {
  role: Role;
  grants: string[];
  groups: string[];
}

async function freeName(users: UsersStore, displayName: string): Promise<string> {
  for (let attempt = 1; attempt <= MAX_NAME_CANDIDATES; attempt += 1) {
    const candidate = displayNameCandidate(displayName, attempt);
    if (!(await users.findUser(candidate))) return candidate;
  }
  throw new ForbiddenError(`The names "${displayName}" to "${displayNameCandidate(displayName, MAX_NAME_CANDIDATES)}" are all taken; ask an administrator.`);
}

/**
 * Answers the identity's user with its role, grants and groups brought up to date, making it
 * at the first sign-in.
 * @throws ForbiddenError when a local account holds the identity's name, or no free name is left.
 */
export async function upsertSsoUser(users: UsersStore, identity: OidcIdentity, access: SsoAccess): Promise<UserRecord> {
  for (let race = 1; ; race += 1) {
    const existing = await users.findUserByOidcIdentity(identity);
    if (existing) return users.updateUser(existing.name, { role: access.role, grants: access.grants, groups: access.groups });
    const holder = await users.findUser(identity.displayName);
    if (holder && holder.source !== "oidc") throw new ForbiddenError(`A local account is named "${identity.displayName}"; single sign-on may not take it over.`);
    const name = await freeName(users, identity.displayName);
    try {
      return await users.createUser({
        name,
        role: access.role,
        grants: access.grants,
        groups: access.groups,
        passwordHash: null,
        source: "oidc",
        oidcIdentity: { issuer: identity.issuer, subject: identity.subject },
      });
    } catch (error) {
      if (!(error instanceof ConflictError) || race >= MAX_RACES) throw error;
    }
  }
}
