/**
 * What an engine remembers about apps while it runs: each app's last comparison, and a lock so
 * that an app is compared by one caller at a time (in the order asked), so none stores over a
 * later one. One per engine.
 */
import { createKeyedLock, type KeyedLock } from "@/lib/source/keyed-lock";

import type { AppComparison } from "./compare-app";

/** An engine's memory of its apps. */
export interface AppMemory {
  /** Each app's latest stored comparison, by app name. */
  lastComparison: Map<string, AppComparison>;
  /**
   * Comparisons of one app run one after another, in the order asked, so the one asked last
   * is stored last and starts from what the one before it stored.
   */
  comparing: KeyedLock;
}

/** A new, empty memory. */
export function createAppMemory(): AppMemory {
  return { lastComparison: new Map(), comparing: createKeyedLock() };
}
