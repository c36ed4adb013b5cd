/**
 * Prepares the Node.js server process (not builds or the edge) through its engine: the request
 * hook that stamps requests and writes the audit log, the initial admin on first start, then
 * the operation worker and reconciler.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureEngine } = await import("@/lib/engine/instance");
  const engine = ensureEngine();
  engine.installRequestHook();
  await engine.auth.ensureInitialAdmin();
  await engine.start({ reconcile: process.env.LOCKSTEP_RECONCILER !== "off" });
}
