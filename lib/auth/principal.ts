import type { Role } from "./roles";

/** Who is asking: a signed-in user or an API token. */
export interface Principal {
  kind: "user" | "token";
  /** The user name, or `token:<token name>`. */
  name: string;
  role: Role;
  /** App globs a deployer may deploy to; `["*"]` for admins and unscoped tokens. */
  grants: readonly string[];
  /** For an app-scoped token: the only app globs it may touch at all. */
  scope?: readonly string[];
  /**
   * For a user or token limited to projects: `role` applies only to the apps of these projects
   * (and to the projects themselves); elsewhere only its project roles count.
   */
  projects?: readonly string[];
  /** Its role in each project whose `roles` bind it (by user name, OIDC group or token name), computed at authentication. */
  projectRoles?: Readonly<Record<string, Role>>;
  /** True while a generated or reset password waits to be changed: only signing out and changing it are allowed. */
  mustChangePassword: boolean;
  /** The user's id (for users). */
  userId?: string;
  /** The session's digest (for a browser session). */
  sessionId?: string;
  /** The token's id (for API tokens). */
  tokenId?: string;
}

/** How the audit log and messages name a principal: `alice` or `token:ci`. */
export function describePrincipal(principal: Principal | null): string {
  return principal?.name ?? "anonymous";
}
