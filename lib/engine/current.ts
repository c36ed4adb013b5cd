/**
 * The engine of this server process as the web layer reaches it: the one that instrumentation's
 * `register()` built (lib/engine/instance) before the server took its first request, read from
 * `globalThis`. This module imports nothing at run time, so a route handler, page or the proxy
 * that calls the engine does not bundle the engine's own code: Next.js gives every route its
 * own copy of what it imports, and each copy a route loads stays in memory.
 */
import type { ServerEngine } from "./instance";

export type { ServerEngine } from "./instance";

/** Where the process keeps its engine: `globalThis`, shared by every bundle; `ensureEngine()` (lib/engine/instance) fills it. */
export const engineHolder = globalThis as unknown as { lockstepEngine?: ServerEngine };

/** The process's engine; throws when none was built (instrumentation did not run, or a test forgot `ensureEngine()`). */
export function getEngine(): ServerEngine {
  const engine = engineHolder.lockstepEngine;
  if (!engine) throw new Error("The engine has not been built: the server's instrumentation builds it before the first request (ensureEngine in lib/engine/instance).");
  return engine;
}
