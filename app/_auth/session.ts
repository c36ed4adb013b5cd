/**
 * The signed-in principal for server components and server actions. Every server action
 * starts with `await requireUser(permission, app)`: the proxy only lets signed-in users post
 * actions at all, and this decides what each action needs (with the app's project). Pages may
 * call it too; the app pages do, since the proxy does not know an app's project.
 */
import { headers } from "next/headers";
import { forbidden, unauthorized } from "next/navigation";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import type { Permission } from "@/lib/auth/roles";
import { getEngine } from "@/lib/engine/current";
import { projectOfApp } from "./app-project";

/** Who is signed in, or null. */
export async function currentUser(): Promise<Principal | null> {
  const requestHeaders = await headers();
  return getEngine().auth.authenticate(requestHeaders);
}

/** Options of {@link requireUser}. */
export interface RequireUserOptions {
  /** The audit log's name for the action, e.g. `app.sync`. */
  action?: string;
}

/**
 * The signed-in principal when it has `permission` (on `app` and its project, when given); otherwise stops
 * the action or page with 401 (`unauthorized()`) or 403 (`forbidden()`). Also names the
 * action and app in the request's audit entry.
 */
export async function requireUser(permission: Permission, app?: string, options: RequireUserOptions = {}): Promise<Principal> {
  const requestHeaders = await headers();
  const engine = getEngine();
  const principal = await engine.auth.authenticate(requestHeaders);
  const project = app !== undefined && principal && (principal.projects || principal.projectRoles) ? await projectOfApp(engine, app) : undefined;
  const decision = authorize(principal, { permission, ...(app !== undefined ? { app } : {}), ...(project !== undefined ? { project } : {}) });
  const stamp = engine.audit.readStamp(requestHeaders);
  if (stamp) {
    engine.audit.refineNote(stamp.requestId, {
      ...(options.action ? { action: options.action } : {}),
      ...(app !== undefined ? { app } : {}),
      ...(decision.allowed ? {} : { result: "denied" as const, detail: decision.reason }),
    });
  }
  if (!decision.allowed) {
    if (decision.status === 401) unauthorized();
    forbidden();
  }
  return principal!;
}

/** Records a detail (an overridden sync window) in the request's audit entry. */
export async function noteActionDetail(detail: string): Promise<void> {
  const engine = getEngine();
  const stamp = engine.audit.readStamp(await headers());
  if (stamp) engine.audit.refineNote(stamp.requestId, { detail: detail.slice(0, 500) });
}

/** Records in the request's audit entry that a server action answered with an error. */
export async function noteActionFailure(message: string): Promise<void> {
  const engine = getEngine();
  const stamp = engine.audit.readStamp(await headers());
  if (stamp) engine.audit.refineNote(stamp.requestId, { result: "failed", detail: message.slice(0, 500) });
}
