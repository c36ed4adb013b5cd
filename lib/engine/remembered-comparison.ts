/**
 * An app's last comparison as the engine keeps it between comparisons. Its live objects of
 * watched kinds are kept as references, not as objects: the watch cache replaces an object with
 * each new version (a status change, a controller's write), and a remembered copy of the old
 * version would be a second copy of every app's objects (23 MB at 1,000 apps × 20 objects).
 * Recalling it reads them from the cache again, so it shows what is live now.
 */
import type { ObjectRef } from "@/lib/cache";
import type { KubeObject } from "@/lib/types";

import type { AppComparison } from "./compare-app";
import type { LiveCluster } from "./context";

/** A remembered comparison: see the module's comment. */
export interface RememberedComparison {
  /** The comparison, its `live` holding only the objects of kinds the cache does not watch. */
  comparison: AppComparison;
  /** The destination cluster, whose cache holds the other live objects. */
  cluster: string;
  /** The live objects of watched kinds, by subject, as references into the cache. */
  watched: ReadonlyMap<string, ObjectRef>;
}

function refOf(obj: KubeObject): ObjectRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace } };
}

/** Remembers a comparison, keeping the live objects `cache` watches as references. */
export function rememberComparison(cache: Pick<LiveCluster, "isWatched"> | undefined, cluster: string, comparison: AppComparison): RememberedComparison {
  const kept = new Map<string, KubeObject>();
  const watched = new Map<string, ObjectRef>();
  for (const [subject, obj] of comparison.live) {
    if (cache?.isWatched(obj)) watched.set(subject, refOf(obj));
    else kept.set(subject, obj);
  }
  return { comparison: { ...comparison, live: kept }, cluster, watched };
}

/** The remembered comparison with its live objects as `cache` holds them now; one deleted since is left out. */
export function recallComparison(cache: Pick<LiveCluster, "get"> | undefined, remembered: RememberedComparison): AppComparison {
  if (remembered.watched.size === 0) return remembered.comparison;
  const live = new Map(remembered.comparison.live);
  for (const [subject, ref] of remembered.watched) {
    const obj = cache?.get(ref);
    if (obj) live.set(subject, obj);
  }
  return { ...remembered.comparison, live };
}
