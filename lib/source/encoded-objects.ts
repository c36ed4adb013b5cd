/**
 * Rendered objects as deflated JSON: how the render cache keeps them (a small fraction of the
 * memory of the parsed objects, for well under a millisecond each way) and how a worker thread
 * hands a render back (one transferable buffer).
 */
import { deflateRawSync, inflateRawSync, constants as zlib } from "node:zlib";

import type { KubeObject } from "@/lib/types";

/** `objects` as deflated JSON, in a buffer of its own. */
export function encodeObjects(objects: readonly KubeObject[]): Uint8Array {
  // Copied out: zlib's answer is a view of a 64 KiB buffer, which it would keep alive.
  return new Uint8Array(deflateRawSync(JSON.stringify(objects), { level: zlib.Z_BEST_SPEED }));
}

/** Fresh objects from what {@link encodeObjects} made. */
export function decodeObjects(encoded: Uint8Array): KubeObject[] {
  return JSON.parse(inflateRawSync(encoded).toString("utf8")) as KubeObject[];
}
