import { TRACKING_ANNOTATION, type KubeObject } from "@/lib/types";

/**
 * The object as the cache keeps it: `managedFields` — often a third of an object, and only
 * read to tell who changed an app's resource — are kept for objects an app tracks and dropped
 * from the rest (Pods, ReplicaSets, EndpointSlices, Events...), which at thousands of apps are
 * most of the cache. Returns the object itself when there is nothing to drop.
 */
export function trimForCache(obj: KubeObject): KubeObject {
  if (obj.metadata.managedFields === undefined || obj.metadata.annotations?.[TRACKING_ANNOTATION] !== undefined) return obj;
  const metadata = { ...obj.metadata };
  delete metadata.managedFields;
  return { ...obj, metadata };
}
