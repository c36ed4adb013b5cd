/**
 * The one decision function: may this principal do what this rule requires, on this app?
 * Pure, so the whole policy is tested without a server.
 */
import { matchesAnyGlob } from "./globs";
import type { Principal } from "./principal";
import { isAtLeast, type Permission } from "./roles";

/** What is being asked for: a permission, and the app it concerns when there is one. */
export interface Requirement {
  permission: Permission;
  /** The app the request acts on, when the route names one. */
  app?: string;
}

/** The answer: allowed, or the HTTP status and a one-sentence reason. */
export type Decision = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

const ALLOWED: Decision = { allowed: true };

function deny(status: 401 | 403, reason: string): Decision {
  return { allowed: false, status, reason };
}

/** Decides whether `principal` (null when nobody signed in) meets `requirement`. */
export function authorize(principal: Principal | null, requirement: Requirement): Decision {
  const { permission, app } = requirement;
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
  if (!isAtLeast(principal.role, permission)) {
    return deny(403, `This needs the ${permission} role; ${principal.name} is ${principal.role}.`);
  }
  if (permission === "deployer" && app !== undefined && principal.role === "deployer" && !matchesAnyGlob(app, principal.grants)) {
    return deny(403, `${principal.name} may not deploy the app "${app}": it is not among the apps granted.`);
  }
  return ALLOWED;
}
