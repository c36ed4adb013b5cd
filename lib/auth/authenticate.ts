/**
 * Who is asking: an `Authorization: Bearer` API token, or the session cookie. Looked up by
 * digest on every request, so a revoked token, a deleted user or a changed role takes effect
 * at once.
 */
import type { ApiTokenRecord } from "@/lib/db/api-tokens";
import type { UserRecord } from "@/lib/db/users";
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
    mustChangePassword: false,
    tokenId: token.id,
  };
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
    return token ? tokenPrincipal(token) : null;
  }

  /** The principal of a session cookie value, or null when it is unknown or expired. */
  async function authenticateSession(value: string): Promise<Principal | null> {
    const id = digest(value);
    const user = await db.sessions.findSessionUser(id);
    return user ? userPrincipal(user, id) : null;
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
