/**
 * Who has which role within a project: the project's `roles` bind user names, OIDC groups and
 * API token names to viewer, deployer or admin, as Argo CD's project roles bind groups and
 * JWT tokens. The strongest matching binding wins.
 */
import type { Principal } from "@/lib/auth/principal";
import { ROLES, type Role } from "@/lib/auth/roles";

import type { ProjectSpec } from "./schema";

/** The principal fields project roles look at; `groups` are the OIDC groups of a signed-in user. */
export type ProjectPrincipal = Pick<Principal, "kind" | "name"> & { groups?: readonly string[] };

const TOKEN_PREFIX = "token:";

/**
 * The role `principal` has in the project, or `undefined` when no binding names it: a user by
 * name or by one of its groups, a token (principal name `token:<name>`) by its name.
 */
export function projectRolesOf(project: Pick<ProjectSpec, "roles">, principal: ProjectPrincipal): Role | undefined {
  const isToken = principal.kind === "token";
  const tokenName = isToken && principal.name.startsWith(TOKEN_PREFIX) ? principal.name.slice(TOKEN_PREFIX.length) : undefined;
  const groups = new Set(principal.groups ?? []);
  let best: Role | undefined;
  for (const binding of project.roles) {
    const bound = isToken
      ? tokenName !== undefined && binding.tokens.includes(tokenName)
      : binding.users.includes(principal.name) || binding.groups.some((group) => groups.has(group));
    if (bound && (best === undefined || ROLES.indexOf(binding.role) > ROLES.indexOf(best))) best = binding.role;
  }
  return best;
}
