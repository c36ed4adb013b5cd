/**
 * What the engine remembers about apps for the life of the server process: each app's last
 * comparison, the apps with an operation running, and a lock so that an app is compared by
 * one caller at a time. Kept on `globalThis`, as every process-wide singleton of Lockstep is:
 * Next.js bundles lib/ once for the route handlers, once for the pages and once for
 * instrumentation.ts, so a module-level variable would exist once per bundle — and a refresh
 * stored by the reconciler (instrumentation's copy) would be unknown to the cluster watch
 * (a route handler's copy), which would then compare the app with an older commit's render.
 */
import { createKeyedLock, type KeyedLock } from "@/lib/source/keyed-lock";

import type { AppComparison } from "./compare-app";

/** The engine's process-wide memory. */
export interface AppMemory {
  /** Each app's latest stored comparison, by app name. */
  lastComparison: Map<string, AppComparison>;
  /** Apps with an operation running in this process: their cluster-triggered refreshes wait. */
  busy: Set<string>;
  /**
   * Comparisons of one app run one after another, in the order asked, so the one asked last
   * is stored last and starts from what the one before it stored.
   */
  comparing: KeyedLock;
}

const globalForMemory = globalThis as unknown as { lockstepAppMemory?: AppMemory };

/** The process's {@link AppMemory}, the same object from every copy of this module. */
export function appMemory(): AppMemory {
  globalForMemory.lockstepAppMemory ??= { lastComparison: new Map(), busy: new Set(), comparing: createKeyedLock() };
  return globalForMemory.lockstepAppMemory;
}
