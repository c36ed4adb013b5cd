/**
 * Prepares the Node.js server process (not builds or the edge): the request hook that stamps
 * requests and writes the audit log, the initial admin on first start, then the engine: its
 * operation worker and reconciler.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestHook } = await import("@/lib/audit/request-hook");
  installRequestHook();
  const { ensureInitialAdmin } = await import("@/lib/auth/bootstrap");
  await ensureInitialAdmin();
  const { getEngine } = await import("@/lib/engine/instance");
  await getEngine().start({ reconcile: process.env.LOCKSTEP_RECONCILER !== "off" });
}
