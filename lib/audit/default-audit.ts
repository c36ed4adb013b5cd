/**
 * Transitional: the one process-wide {@link Audit} and {@link RequestStamp} that module-level
 * functions (`openAuditNote`, `readStamp`, `installRequestHook()`…) still use, on the default
 * database. Kept on `globalThis` (the only place in lib/audit allowed to) because the request
 * hook (installed from instrumentation), the proxy, route handlers and server actions are
 * separate bundles of one server process that must see the same notes and the same stamp
 * secret. It goes away when the engine's Audit and stamp are wired in.
 */
import { defaultStores } from "@/lib/db/default-database";
import { createAudit, type Audit } from "./audit";
import { createRequestStamp, type RequestStamp } from "./request-context";
import { installRequestHook } from "./request-hook";

interface DefaultAuditState {
  audit?: Audit;
  stamp?: RequestStamp;
  uninstallHook?: () => void;
}

const globalForAudit = globalThis as unknown as { lockstepAudit?: DefaultAuditState };

function state(): DefaultAuditState {
  globalForAudit.lockstepAudit ??= {};
  return globalForAudit.lockstepAudit;
}

/** The default Audit, built on first use. */
export function defaultAudit(): Audit {
  const current = state();
  current.audit ??= createAudit({ db: defaultStores() });
  return current.audit;
}

/** The default request stamp, created on first use. */
export function defaultRequestStamp(): RequestStamp {
  const current = state();
  current.stamp ??= createRequestStamp();
  return current.stamp;
}

/** True once the default request stamp exists. */
export function hasDefaultRequestStamp(): boolean {
  return state().stamp !== undefined;
}

/** Installs the request hook with the default Audit and stamp, once per process; answers its uninstaller. */
export function installDefaultRequestHook(): () => void {
  const current = state();
  current.uninstallHook ??= installRequestHook({ audit: defaultAudit(), stamp: defaultRequestStamp() });
  return current.uninstallHook;
}

/** A module-level function that calls `method` of the default Audit (keeping its exact type). */
export function viaDefaultAudit<M extends keyof Audit>(method: M): Audit[M] {
  const call = (...args: unknown[]): unknown => (defaultAudit()[method] as (...a: unknown[]) => unknown)(...args);
  return call as Audit[M];
}
