import { uidOf } from "@/lib/cache";
import type { LiveCluster } from "./context";
import { assessHealth, missingHealth, type HealthAssessment } from "@/lib/health";
import type { KubeObject } from "@/lib/types";

/** Deepest level of the resource tree walked below one object (Deployment → ReplicaSet → Pod is 2). */
const MAX_DEPTH = 4;

/** Every cached object below `obj` by ownerReferences, breadth first, at most {@link MAX_DEPTH} levels down. */
export function descendantsOf(cache: LiveCluster, obj: KubeObject): KubeObject[] {
  const found: KubeObject[] = [];
  const seen = new Set<string>();
  let level = [obj];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: KubeObject[] = [];
    for (const parent of level) {
      const uid = uidOf(parent);
      if (!uid) continue;
      for (const child of cache.childrenOf(uid)) {
        const childUid = uidOf(child);
        if (!childUid || seen.has(childUid)) continue;
        seen.add(childUid);
        next.push(child);
      }
    }
    found.push(...next);
    level = next;
  }
  return found;
}

/** The health of a live object (its tree below it sharpening the verdict), or Missing when there is none. */
export function liveHealth(cache: LiveCluster, live: KubeObject | undefined): HealthAssessment {
  return live ? assessHealth(live, { children: descendantsOf(cache, live) }) : missingHealth();
}
