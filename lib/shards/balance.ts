/**
 * Dividing shards between live replicas, from the Leases alone (pure). A replica keeps at most
 * its fair share — the shard count over the live replicas, rounded up — renews what it holds,
 * takes free or expired shards while below its share and gives back its highest shards while
 * above it, so shards move only when replicas join or leave.
 */

/** One Lease as the balance reads it. */
export interface LeaseState {
  /** Who holds it; empty when released. */
  holder: string;
  /** When it was last renewed (ms since the epoch). */
  renewedAt: number;
  /** How long a renewal lasts, in milliseconds. */
  durationMs: number;
}

/** True while the Lease is held and not expired at `now`. */
export function isLive(lease: LeaseState | undefined, now: number): lease is LeaseState {
  return lease !== undefined && lease.holder !== "" && lease.renewedAt + lease.durationMs > now;
}

/** What one replica should do with the shard Leases this round. */
export interface ShardPlan {
  renew: number[];
  acquire: number[];
  release: number[];
}

/** What {@link planShards} decides from. */
export interface BalanceInput {
  /** This replica's identity. */
  me: string;
  shardCount: number;
  /** The live replicas, this one included. */
  replicas: readonly string[];
  /** Each shard's Lease, by shard; absent when it was never created. */
  leases: ReadonlyMap<number, LeaseState>;
  now: number;
}

/** The fair share of one replica: the shards over the live replicas, rounded up. */
export function fairShare(shardCount: number, replicas: number): number {
  return Math.ceil(shardCount / Math.max(1, replicas));
}

/** Plans this replica's round: renew what it keeps, take free shards up to its share, give back the rest. */
export function planShards(input: BalanceInput): ShardPlan {
  const shards = Array.from({ length: input.shardCount }, (_, shard) => shard);
  const held = shards.filter((shard) => {
    const lease = input.leases.get(shard);
    return isLive(lease, input.now) && lease.holder === input.me;
  });
  const free = shards.filter((shard) => !isLive(input.leases.get(shard), input.now));
  const share = fairShare(input.shardCount, new Set([...input.replicas, input.me]).size);
  const release = held.length > share ? [...held].sort((a, b) => b - a).slice(0, held.length - share) : [];
  const renew = held.filter((shard) => !release.includes(shard));
  const acquire = held.length < share ? free.slice(0, share - held.length) : [];
  return { renew, acquire, release };
}
