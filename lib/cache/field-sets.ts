import { LRUCache } from "lru-cache";
import type { KubeObject } from "@/lib/types";

/** How many distinct field sets one cluster's cache shares at most. */
const SHARED_FIELD_SETS = 10_000;

interface ManagedFieldsEntry {
  fieldsV1?: unknown;
  [field: string]: unknown;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * One copy of each distinct `managedFields` field set (`fieldsV1`) for the objects of a watch
 * cache. A field set names fields, not values, so the thousands of objects of one shape that
 * one manager wrote — every app's Deployment applied by Lockstep, every status the controller
 * manager wrote — hold the same set; keeping it once takes most of `managedFields` out of the
 * cache's memory. Shared sets are frozen: cached objects are never changed in place.
 */
export class FieldSets {
  private readonly shared = new LRUCache<string, object>({ max: SHARED_FIELD_SETS });

  /** The object with each `managedFields` entry's field set replaced by its shared copy. */
  share(obj: KubeObject): KubeObject {
    const entries = obj.metadata.managedFields as ManagedFieldsEntry[] | undefined;
    if (!Array.isArray(entries) || entries.length === 0) return obj;
    const managedFields = entries.map((entry) => {
      if (!entry.fieldsV1 || typeof entry.fieldsV1 !== "object") return entry;
      const text = JSON.stringify(entry.fieldsV1);
      let fieldsV1 = this.shared.get(text);
      if (!fieldsV1) this.shared.set(text, (fieldsV1 = deepFreeze(entry.fieldsV1)));
      return fieldsV1 === entry.fieldsV1 ? entry : { ...entry, fieldsV1 };
    });
    return { ...obj, metadata: { ...obj.metadata, managedFields } };
  }

  /** Distinct field sets held now. */
  get size(): number {
    return this.shared.size;
  }
}
