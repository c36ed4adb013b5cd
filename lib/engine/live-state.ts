import type { KubeObjectClient } from "@/lib/kube/object-client";
import { APP_LABEL, kindKeyOf, keyOf, subjectOf, trackedAppOf, type KindKey, type KindRef, type KubeObject } from "@/lib/types";
import { mapLimit } from "./concurrency";

/** True when a live object carries this app's tracking annotation naming the object itself (not a copied label or annotation). */
export function isOwnedBy(obj: KubeObject, appName: string): boolean {
  return trackedAppOf(obj) === appName;
}

/** Unique kinds of a set of objects. */
export function kindsOf(objects: readonly KindRef[]): KindRef[] {
  const seen = new Map<KindKey, KindRef>();
  for (const o of objects) seen.set(kindKeyOf(o), { apiVersion: o.apiVersion, kind: o.kind });
  return [...seen.values()];
}

/**
 * The live objects an app owns, found by its label in each of the given kinds and confirmed by
 * its tracking annotation. Kinds the cluster no longer serves are skipped.
 */
export async function listOwnedObjects(client: Pick<KubeObjectClient, "describeKind" | "listObjects">, appName: string, kinds: KindRef[]): Promise<Map<string, KubeObject>> {
  const owned = new Map<string, KubeObject>();
  const lists = await mapLimit(kinds, 6, async (k) => {
    if (!(await client.describeKind(k.apiVersion, k.kind))) return [];
    return client.listObjects(k.apiVersion, k.kind, { labelSelector: `${APP_LABEL}=${appName}` });
  });
  for (const obj of lists.flat()) {
    if (isOwnedBy(obj, appName)) owned.set(subjectOf(keyOf(obj)), obj);
  }
  return owned;
}
