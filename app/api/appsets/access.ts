/**
 * Who may act on an app set: the route's permission checked again against the set's project,
 * so project roles count and a caller limited to projects reaches only its projects' sets.
 */
import { ForbiddenError, UnauthorizedError } from "@/lib/auth/errors";
import type { Principal } from "@/lib/auth/principal";
import { authorize } from "@/lib/auth/authorize";
import type { Permission } from "@/lib/auth/roles";
import type { AppSetRecord, EngineFacade } from "@/lib/engine/facade";

/** @throws ForbiddenError when `caller` may not do `permission` in `project`. */
export function checkSetProject(caller: Principal, permission: Permission, project: string): void {
  const decision = authorize(caller, { permission, project });
  if (!decision.allowed) throw decision.status === 401 ? new UnauthorizedError(decision.reason) : new ForbiddenError(decision.reason);
}

/** The set, once `caller` may do `permission` on it. @throws NotFoundError, ForbiddenError */
export async function setFor(engine: EngineFacade, caller: Principal, name: string, permission: Permission): Promise<AppSetRecord> {
  const set = await engine.appSets.get(name);
  checkSetProject(caller, permission, set.project);
  return set;
}
