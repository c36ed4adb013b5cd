/**
 * Who is asking: an `Authorization: Bearer` API token, or the session cookie. Looked up by
 * digest on every request, so a revoked token, a deleted user or a changed role takes effect
 * at once; the principal's project roles are read from every project's `roles` each time too.
 */
import type { ApiTokenRecord } from "@/lib/db/api-tokens";
import type { UserRecord } from "@/lib/db/users";
import { projectRolesOf } from "@/lib/projects/project-roles";
import type { ProjectSpec } from "@/lib/projects/schema";
import { readCookie, SESSION_COOKIE, type HeaderSource } from "./cookies";
import type { ResolvedAuthDependencies } from "./dependencies";
import type { Principal } from "./principal";
import { API_TOKEN_PREFIX, digest } from "./secrets";

/** The principal of a signed-in user. */
export function userPrincipal(user: UserRecord, sessionId?: string): Principal {
  return {
    kind: "user",
    name: user.name,
    role: user.role,
    grants: user.role === "admin" ? ["*"] : user.role === "deployer" ? user.grants : [],
    ...(user.projects ? { projects: user.projects } : {}),
    mustChangePassword: user.mustChangePassword,
    userId: user.id,
    ...(sessionId ? { sessionId } : {}),
  };
}

/** The principal of an API token. */
export function tokenPrincipal(token: ApiTokenRecord): Principal {
  return {
    kind: "token",
    name: `token:${token.name}`,
    role: token.role,
    grants: token.apps ?? ["*"],
    ...(token.apps ? { scope: token.apps } : {}),
    ...(token.projects ? { projects: token.projects } : {}),
    mustChangePassword: false,
    tokenId: token.id,
  };
}

/**
 * The principal with its role in each project whose `roles` bind it: a user by name or by one
 * of the OIDC `groups` it last signed in with, a token by its name.
 */
export function withProjectRoles(principal: Principal, projects: readonly Pick<ProjectSpec, "name" | "roles">[], groups: readonly string[] = []): Principal {
  const bound = projects.flatMap((project) => {
    const role = projectRolesOf(project, { kind: principal.kind, name: principal.name, groups });
    return role ? [[project.name, role] as const] : [];
  });
  return bound.length > 0 ? { ...principal, projectRoles: Object.fromEntries(bound) } : principal;
}

/** The bearer value of an `Authorization` header, or undefined. */
export function bearerOf(authorization: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1];
}

/** Authentication of requests against one database's tokens and sessions. */
export function createAuthenticator({ db }: Pick<ResolvedAuthDependencies, "db">) {
  /** The principal of an API token value, or null when it is unknown, expired or revoked. */
  async function authenticateToken(value: string): Promise<Principal | null> {
    if (!value.startsWith(API_TOKEN_PREFIX)) return null;
    const token = await db.apiTokens.findApiToken(digest(value));
    return token ? withProjectRoles(tokenPrincipal(token), await db.projects.listProjectDefinitions()) : null;
  }

  /** The principal of a session cookie value, or null when it is unknown or expired. */
  async function authenticateSession(value: string): Promise<Principal | null> {
    const id = digest(value);
    const user = await db.sessions.findSessionUser(id);
    return user ? withProjectRoles(userPrincipal(user, id), await db.projects.listProjectDefinitions(), user.groups) : null;
  }

  /**
   * The principal of a request, or null for anonymous. A request that sends a bearer token is
   * judged by that token alone (a bad token is not rescued by a cookie).
   */
  async function authenticate(headers: HeaderSource): Promise<Principal | null> {
    const authorization = headers.get("authorization");
    if (authorization) {
      const bearer = bearerOf(authorization);
      return bearer ? authenticateToken(bearer) : null;
    }
    const cookie = readCookie(headers.get("cookie"), SESSION_COOKIE);
    return cookie ? authenticateSession(cookie) : null;
  }

  return { authenticate, authenticateToken, authenticateSession };
}
