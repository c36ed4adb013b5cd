/**
 * What an engine remembers about apps while it runs: each app's last comparison, a lock so that
 * an app is compared by one caller at a time (in the order asked), so none stores over a later
 * one, and which objects each app declares. One per engine.
 */
import { StringPool } from "@/lib/cache";
import { createKeyedLock, type KeyedLock } from "@/lib/source/keyed-lock";

import type { AppComparison } from "./compare-app";
import { DeclaredResources } from "./shared-resources";

/** An engine's memory of its apps. */
export interface AppMemory {
  /** Each app's latest stored comparison, by app name. */
  lastComparison: Map<string, AppComparison>;
  /**
   * Comparisons of one app run one after another, in the order asked, so the one asked last
   * is stored last and starts from what the one before it stored.
   */
  comparing: KeyedLock;
  /** The objects each app declared at its latest comparison, for shared-resource warnings. */
  declared: DeclaredResources;
  /** One copy of each short string of the remembered renders (apps rendered alike repeat most of theirs). */
  strings: StringPool;
}

/** A new, empty memory. */
export function createAppMemory(): AppMemory {
  return { lastComparison: new Map(), comparing: createKeyedLock(), declared: new DeclaredResources(), strings: new StringPool() };
}
