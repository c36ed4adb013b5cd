/**
 * The one decision function: may this principal do what this rule requires, on this app of
 * this project? Pure, so the whole policy is tested without a server.
 *
 * On an app (or a project), a principal acts with the stronger of two roles: its global role —
 * a viewer reads, a deployer deploys the apps its grants match, an admin does everything — and
 * its role in the app's project, which covers every app of that project (as Argo CD's project
 * roles do). A principal limited to projects has its global role only within them.
 */
import { matchesAnyGlob } from "./globs";
import type { Principal } from "./principal";
import { isAtLeast, ROLES, type Permission, type Role } from "./roles";

/** What is being asked for: a permission, and the app and project it concerns when there are any. */
export interface Requirement {
  permission: Permission;
  /** The app the request acts on, when the route names one. */
  app?: string;
  /**
   * The project the request acts on: the app's (looked up by the route handler) or the one a
   * project route names. Absent when unknown: then project roles do not count, and a principal
   * limited to projects is refused.
   */
  project?: string;
}

/** The answer: allowed, or the HTTP status and a one-sentence reason. */
export type Decision = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

const ALLOWED: Decision = { allowed: true };

function deny(status: 401 | 403, reason: string): Decision {
  return { allowed: false, status, reason };
}

function stronger(a: Role | undefined, b: Role | undefined): Role | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

/** True when `role` (with these app `grants` for a deployer) meets `permission` on `app`. */
function meets(role: Role | undefined, grants: readonly string[], permission: Role, app: string | undefined): boolean {
  if (role === undefined || !isAtLeast(role, permission)) return false;
  return !(permission === "deployer" && role === "deployer" && app !== undefined && !matchesAnyGlob(app, grants));
}

/** The global role where the requirement points; undefined when the principal is limited to projects and this is outside them. */
function globalRoleFor(principal: Principal, requirement: Requirement): Role | undefined {
  const { projects } = principal;
  if (!projects || (requirement.app === undefined && requirement.project === undefined)) return principal.role;
  return requirement.project !== undefined && projects.includes(requirement.project) ? principal.role : undefined;
}

function refusalOf(principal: Principal, requirement: Requirement & { permission: Role }, global: Role | undefined, local: Role | undefined): Decision {
  const { permission, app, project } = requirement;
  const what = app !== undefined ? `the app "${app}"` : `the project "${project}"`;
  if (global === undefined && local === undefined) {
    const where = project !== undefined ? `${what} is in the project "${project}"` : `${what} is not in one of them`;
    return deny(403, `${principal.name} is limited to the projects ${principal.projects!.join(", ")}; ${where}.`);
  }
  const best = stronger(global, local)!;
  if (!isAtLeast(best, permission)) {
    const role = local !== undefined && best === local ? `${local} in the project "${project}"` : best;
    return deny(403, `This needs the ${permission} role; ${principal.name} is ${role}.`);
  }
  return deny(403, `${principal.name} may not deploy the app "${app}": it is not among the apps granted.`);
}

/** Decides whether `principal` (null when nobody signed in) meets `requirement`. */
export function authorize(principal: Principal | null, requirement: Requirement): Decision {
  const { permission, app, project } = requirement;
  if (permission === "anonymous") return ALLOWED;
  if (!principal) return deny(401, "Sign in first: send a session cookie or an Authorization: Bearer token.");
  if (permission === "signed-in") return ALLOWED;
  if (principal.mustChangePassword) return deny(403, "Change your password first; nothing else is allowed until then.");
  if (principal.scope) {
    if (app !== undefined && !matchesAnyGlob(app, principal.scope)) {
      return deny(403, `This token is limited to the apps ${principal.scope.join(", ")}; "${app}" is not one of them.`);
    }
    if (app === undefined && permission !== "viewer") {
      return deny(403, "This token is limited to some apps, so it may not do what concerns no app or all of them.");
    }
  }
  if (principal.projects && app === undefined && project === undefined && permission !== "viewer") {
    return deny(403, `${principal.name} is limited to the projects ${principal.projects.join(", ")}, so it may not do what concerns no project or all of them.`);
  }
  const global = globalRoleFor(principal, requirement);
  const local = project !== undefined ? principal.projectRoles?.[project] : undefined;
  if (meets(global, principal.grants, permission, app) || meets(local, ["*"], permission, app)) return ALLOWED;
  return refusalOf(principal, { ...requirement, permission }, global, local);
}

/**
 * The proxy's check, made before anything looks the app up: a requirement on an app whose
 * project is not known passes when it would pass in some project the principal has a role in
 * or is limited to. The route handler then decides with the app's real project (see
 * app/api/_shared/route.ts); this only keeps the door from turning away project members.
 */
export function authorizeAtTheDoor(principal: Principal | null, requirement: Requirement): Decision {
  const decision = authorize(principal, requirement);
  if (decision.allowed || !principal || requirement.app === undefined || requirement.project !== undefined) return decision;
  const candidates = new Set([...Object.keys(principal.projectRoles ?? {}), ...(principal.projects ?? [])]);
  for (const project of candidates) if (authorize(principal, { ...requirement, project }).allowed) return ALLOWED;
  return decision;
}
