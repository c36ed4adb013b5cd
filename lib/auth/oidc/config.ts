/**
 * Single sign-on configuration (OpenID Connect), from the environment:
 *
 * - `LOCKSTEP_OIDC_ISSUER`, `LOCKSTEP_OIDC_CLIENT_ID`, `LOCKSTEP_OIDC_CLIENT_SECRET`: all three turn SSO on;
 * - `LOCKSTEP_OIDC_ROLE_MAP`: groups to roles, `;`-separated `group=role`, deployers with
 *   their app globs after `:` — e.g. `ops=admin; devs=deployer:web,team-a-*; *=viewer`
 *   (`*` matches any signed-in user); a user whose groups map to no role cannot sign in;
 * - `LOCKSTEP_OIDC_GROUPS_CLAIM` (default `groups`), `LOCKSTEP_OIDC_SCOPES` (default
 *   `openid profile email groups`), `LOCKSTEP_OIDC_REDIRECT_URL` (default: this server's
 *   `/api/auth/oidc/callback`), `LOCKSTEP_OIDC_ALLOW_HTTP=true` to accept a plain-HTTP issuer.
 */
import { isAtLeast, isRole, type Role } from "../roles";

/** One line of the role map. */
export interface RoleMapping {
  /** A group name, or `*` for everyone. */
  group: string;
  role: Role;
  /** For deployers: the app globs granted. */
  grants: string[];
}

/** The SSO settings in force. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  groupsClaim: string;
  redirectUrl?: string;
  allowHttp: boolean;
  roleMappings: RoleMapping[];
}

/** Parses `LOCKSTEP_OIDC_ROLE_MAP`; an invalid entry throws a one-sentence error naming it. */
export function parseRoleMappings(text: string): RoleMapping[] {
  return text
    .split(";")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const match = /^([^=]+)=([a-z]+)(?::(.*))?$/.exec(entry);
      const role = match?.[2];
      if (!match || !isRole(role)) throw new Error(`LOCKSTEP_OIDC_ROLE_MAP entry "${entry}" must read group=role or group=deployer:app,app (roles: viewer, deployer, admin).`);
      const grants = (match[3] ?? "")
        .split(",")
        .map((g) => g.trim())
        .filter((g) => g !== "");
      return { group: match[1]!.trim(), role, grants };
    });
}

/** The SSO settings, or undefined when SSO is off. */
export function oidcConfig(env: Readonly<Record<string, string | undefined>> = process.env): OidcConfig | undefined {
  const issuer = env.LOCKSTEP_OIDC_ISSUER?.trim();
  const clientId = env.LOCKSTEP_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.LOCKSTEP_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return undefined;
  return {
    issuer,
    clientId,
    clientSecret,
    scopes: env.LOCKSTEP_OIDC_SCOPES?.trim() || "openid profile email groups",
    groupsClaim: env.LOCKSTEP_OIDC_GROUPS_CLAIM?.trim() || "groups",
    ...(env.LOCKSTEP_OIDC_REDIRECT_URL ? { redirectUrl: env.LOCKSTEP_OIDC_REDIRECT_URL.trim() } : {}),
    allowHttp: env.LOCKSTEP_OIDC_ALLOW_HTTP === "true",
    roleMappings: parseRoleMappings(env.LOCKSTEP_OIDC_ROLE_MAP ?? ""),
  };
}

/** True when single sign-on is configured. */
export function isOidcConfigured(): boolean {
  return oidcConfig() !== undefined;
}

/**
 * The role a user's groups give: the strongest mapped role, with the grants of every
 * deployer mapping that matched; undefined when no mapping matches.
 */
export function roleForGroups(groups: readonly string[], mappings: readonly RoleMapping[]): { role: Role; grants: string[] } | undefined {
  const matched = mappings.filter((m) => m.group === "*" || groups.includes(m.group));
  if (matched.length === 0) return undefined;
  const role = matched.map((m) => m.role).reduce((a, b) => (isAtLeast(a, b) ? a : b));
  const grants = [...new Set(matched.filter((m) => m.role === "deployer").flatMap((m) => m.grants))];
  return { role, grants: role === "deployer" ? grants : [] };
}
