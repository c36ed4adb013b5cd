import type { KubeObject } from "@/lib/types";
import { isAtLeastAsNew, resourceVersionOf } from "./resource-version";

/** What happened to one cached object. */
export interface StoreChange {
  type: "added" | "modified" | "deleted";
  /** The object now (for `deleted`, its last known state). */
  object: KubeObject;
  /** The object before a `modified` change. */
  previous?: KubeObject;
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

/**
 * The objects of one kind (in one scope), by namespace and name. Changes are returned, not
 * broadcast, so the informer decides when listeners hear about them. Never lets an older
 * resource version replace a newer one, and keeps the instance it has when the same version
 * comes again (the watch echoing Lockstep's own apply, a relist): comparisons that hold the
 * object then share it instead of keeping a second copy.
 */
export class ObjectStore {
  private readonly objects = new Map<string, KubeObject>();

  /** The object with this namespace and name, if cached. */
  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(keyOf(namespace, name));
  }

  /** Every cached object, or those of one namespace. */
  list(namespace?: string): KubeObject[] {
    const all = [...this.objects.values()];
    return namespace === undefined ? all : all.filter((o) => (o.metadata.namespace ?? "") === namespace);
  }

  /** How many objects are cached. */
  get size(): number {
    return this.objects.size;
  }

  /** Adds or updates an object unless the cached one is newer; returns the change, if any. */
  upsert(obj: KubeObject): StoreChange | undefined {
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    const previous = this.objects.get(key);
    if (previous && !isAtLeastAsNew(resourceVersionOf(obj), resourceVersionOf(previous))) return undefined;
    if (previous && resourceVersionOf(previous) === resourceVersionOf(obj) && resourceVersionOf(obj) !== undefined) return undefined;
    this.objects.set(key, obj);
    return previous ? { type: "modified", object: obj, previous } : { type: "added", object: obj };
  }

  /** Removes an object; returns the change when it was cached. */
  remove(obj: Pick<KubeObject, "metadata">): StoreChange | undefined {
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    const previous = this.objects.get(key);
    if (!previous) return undefined;
    this.objects.delete(key);
    return { type: "deleted", object: previous };
  }

  /**
   * Replaces the whole content with a fresh list (after a relist), returning what changed:
   * objects gone since are `deleted`, new ones `added`, different ones `modified`.
   */
  replace(items: readonly KubeObject[]): StoreChange[] {
    const changes: StoreChange[] = [];
    const fresh = new Map(items.map((o) => [keyOf(o.metadata.namespace, o.metadata.name), o]));
    for (const [key, previous] of this.objects) {
      if (!fresh.has(key)) changes.push({ type: "deleted", object: previous });
    }
    for (const [key, obj] of fresh) {
      const previous = this.objects.get(key);
      if (!previous) changes.push({ type: "added", object: obj });
      else if (resourceVersionOf(previous) !== resourceVersionOf(obj) || resourceVersionOf(obj) === undefined) {
        changes.push({ type: "modified", object: obj, previous });
      }
    }
    const kept = new Map([...fresh].map(([key, obj]) => [key, this.sameVersion(key, obj) ?? obj]));
    this.objects.clear();
    for (const [key, obj] of kept) this.objects.set(key, obj);
    return changes;
  }

  /** The cached object when it has the same resource version as `obj`: one instance per version stays in use everywhere. */
  private sameVersion(key: string, obj: KubeObject): KubeObject | undefined {
    const previous = this.objects.get(key);
    const version = resourceVersionOf(obj);
    return previous && version !== undefined && resourceVersionOf(previous) === version ? previous : undefined;
  }
}
