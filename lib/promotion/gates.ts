/**
 * The rules a promotion passes, as pure functions: the source stage must be Synced and Healthy
 * (only what runs well moves on, as Kargo verifies freight in a stage before it is promoted),
 * and an approval is given only by a principal holding the stage's role.
 */
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import type { HealthStatus, SyncStatus } from "@/lib/types";
import type { Approval } from "./schema";

/** The stored status of a stage's app that the gate reads. */
export interface StageState {
  app: string;
  syncStatus: SyncStatus;
  healthStatus: HealthStatus;
  /** True while an operation is queued or running on the app. */
  operationRunning?: boolean;
}

/** Why a stage cannot be promoted from, in one sentence; undefined when it can. */
export function sourceRefusal(stage: string, state: StageState): string | undefined {
  if (state.operationRunning) return `Stage "${stage}" (app "${state.app}") has an operation in progress; promote once it has ended.`;
  if (state.syncStatus !== "Synced") return `Stage "${stage}" cannot be promoted from: app "${state.app}" is ${state.syncStatus}, not Synced.`;
  if (state.healthStatus !== "Healthy") return `Stage "${stage}" cannot be promoted from: app "${state.app}" is ${state.healthStatus}, not Healthy.`;
  return undefined;
}

/** True when the stage is Synced, Healthy and idle. */
export function isPromotable(state: StageState): boolean {
  return sourceRefusal("", state) === undefined;
}

/** The target app a decision concerns. */
export interface ApprovalTarget {
  app: string;
  project: string;
}

/**
 * Why `principal` may not approve a promotion into a stage needing `approval`; undefined when it
 * may. A `global` approval counts the global role only (a principal limited to projects holds
 * none); a `project` approval also counts its role in the target app's project.
 */
export function approvalRefusal(principal: Principal, approval: Approval, target: ApprovalTarget): string | undefined {
  if (approval.scope === "global") {
    if (principal.projects) return `Approving needs the global ${approval.role} role; ${principal.name} is limited to projects.`;
    const decision = authorize({ ...principal, projectRoles: undefined }, { permission: approval.role });
    return decision.allowed ? undefined : `Approving needs the global ${approval.role} role; ${principal.name} is ${principal.role}.`;
  }
  const decision = authorize(principal, { permission: approval.role, app: target.app, project: target.project });
  return decision.allowed ? undefined : `Approving needs the ${approval.role} role in the project "${target.project}"; ${decision.reason}`;
}

/** Why `principal` may not promote into the target app (it needs deployer rights on it, as a sync does); undefined when it may. */
export function promoteRefusal(principal: Principal, target: ApprovalTarget): string | undefined {
  const decision = authorize(principal, { permission: "deployer", app: target.app, project: target.project });
  return decision.allowed ? undefined : decision.reason;
}
