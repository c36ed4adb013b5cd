/** Starts the background reconciler in the Node.js server process (not during builds or on the edge). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.LOCKSTEP_RECONCILER === "off") return;
  const { startReconciler } = await import("@/lib/engine/reconciler");
  startReconciler();
}
