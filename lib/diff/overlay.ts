import type { KubeObject } from "@/lib/types";
import { isPlainObject, namesOfNamedLists } from "./json";

/**
 * A best-effort prediction for when the server-side dry run failed: the live object with
 * every field the desired object sets laid over it. Maps merge key by key, lists of named
 * elements merge element by name (in desired order), lists of objects of the same length
 * merge by index (so defaulted fields such as a port's `protocol` survive), other lists and
 * scalars are replaced.
 * Unlike the dry run it knows nothing of defaults, admission or fields to be removed.
 */
export function overlayDesired(live: KubeObject, desired: KubeObject): KubeObject {
  return overlay(live, desired) as KubeObject;
}

function overlay(base: unknown, top: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(top)) {
    const merged: Record<string, unknown> = structuredClone(base);
    for (const [key, value] of Object.entries(top)) merged[key] = overlay(base[key], value);
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(top)) {
    const names = namesOfNamedLists(base, top);
    if (names) {
      const [baseNames = []] = names;
      return top.map((item: { name: string }) => overlay(base[baseNames.indexOf(item.name)], item));
    }
    if (base.length === top.length && top.every(isPlainObject)) return top.map((item, i) => overlay(base[i], item));
  }
  return structuredClone(top);
}
