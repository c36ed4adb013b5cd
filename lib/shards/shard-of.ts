/**
 * Which shard an app belongs to: a stable hash of its name (32-bit FNV-1a) modulo the shard
 * count, so every replica computes the same answer without asking anyone.
 */

/** The shard of `appName` among `shardCount` shards (0-based). */
export function shardOf(appName: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(appName)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % Math.max(1, shardCount);
}
