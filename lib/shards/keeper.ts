/**
 * A replica's hold on its shards: every tick it renews its own replica Lease (so the others
 * count it), reads the shard Leases, renews the ones it keeps, takes free or expired ones up to
 * its fair share and gives back the rest. It owns an app only while the Lease of the app's
 * shard is held and not about to expire by its own clock, so a replica cut off from the API
 * server stops acting before another may take over. Stopping releases every Lease at once.
 */
import { isConflict } from "@/lib/kube/errors";
import { isLive, planShards } from "./balance";
import { listLeases, replicaLeaseName, shardLeaseName, writeLease, type LeaseClient, type StoredLease } from "./leases";
import { shardOf } from "./shard-of";

/** What changed in one tick: shards taken, and shards given back or lost. */
export interface ShardChange {
  acquired: number[];
  released: number[];
}

/** One replica as the Leases show it. */
export interface ReplicaView {
  identity: string;
  shards: number[];
  /** When its replica Lease was last renewed (ISO). */
  renewedAt: string;
  self: boolean;
}

/** The replicas and their shards, as this replica last read them. */
export interface ShardStatus {
  identity: string;
  shardCount: number;
  namespace: string;
  replicas: ReplicaView[];
  /** Shards no live replica holds. */
  unheld: number[];
}

/** Options of {@link ShardKeeper}. */
export interface ShardKeeperOptions {
  client: LeaseClient;
  /** The control-plane namespace the Leases live in. */
  namespace: string;
  /** This replica's identity (its pod name, or `host:pid`). */
  identity: string;
  shardCount: number;
  /** How long a renewal lasts. @default 15 s */
  durationMs?: number;
  /** Time between two ticks. @default a fifth of the duration */
  tickMs?: number;
  now?: () => number;
  log?: { error(message: string): void };
}

/** Stop trusting a Lease this long before its expiry, for clock drift and slow answers. */
const SAFETY_MS = 2_000;
/** Look again this long after another replica's Lease expires. */
const EXPIRY_MARGIN_MS = 50;

/** One replica's shard Leases. */
export class ShardKeeper {
  private readonly held = new Map<number, { until: number; lease: StoredLease }>();
  private replicaLease: StoredLease | undefined;
  private lastSeen: StoredLease[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private listener: (change: ShardChange) => Promise<void> | void = () => {};
  private stopped = false;
  readonly durationMs: number;
  private readonly tickMs: number;
  private readonly now: () => number;

  constructor(private readonly options: ShardKeeperOptions) {
    this.durationMs = options.durationMs ?? 15_000;
    this.tickMs = options.tickMs ?? Math.max(200, Math.floor(this.durationMs / 5));
    this.now = options.now ?? (() => Date.now());
  }

  /** True while this replica holds the Lease of the app's shard. */
  owns(appName: string): boolean {
    const hold = this.held.get(shardOf(appName, this.options.shardCount));
    return hold !== undefined && hold.until > this.now();
  }

  /** The shards held now. */
  ownedShards(): number[] {
    const now = this.now();
    return [...this.held.entries()].filter(([, hold]) => hold.until > now).map(([shard]) => shard).sort((a, b) => a - b);
  }

  /** True when an app of this name falls in one of `shards`. */
  inShards(appName: string, shards: readonly number[]): boolean {
    return shards.includes(shardOf(appName, this.options.shardCount));
  }

  /** Takes its first shards, then keeps ticking; `onChange` hears of every shard taken or given back. */
  async start(onChange: (change: ShardChange) => Promise<void> | void): Promise<void> {
    this.listener = onChange;
    this.stopped = false;
    await this.tick();
    const loop = () => {
      if (this.stopped) return;
      this.timer = setTimeout(async () => {
        await this.tick();
        loop();
      }, this.nextTickMs());
    };
    loop();
  }

  /** Stops ticking and releases every Lease it holds (and its replica Lease), so others take over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    const released = [...this.held.keys()];
    const leases = [...this.held.values()].map((hold) => hold.lease);
    this.held.clear();
    if (released.length > 0) await this.listener({ acquired: [], released });
    const now = this.now();
    const all = [...leases, ...(this.replicaLease ? [this.replicaLease] : [])];
    await Promise.all(all.map((lease) => this.write(lease, "", now).catch(() => undefined)));
  }

  /**
   * Time to the next round: the tick, or sooner when a Lease of another replica (one of its
   * shards, or its own, which counts it among the live) expires before it — just after its
   * expiry — so a dead replica's shards are taken within the Lease duration rather than up to
   * a tick later.
   */
  private nextTickMs(): number {
    const now = this.now();
    const expiries = this.lastSeen
      .filter((l) => l.holder !== "" && l.holder !== this.options.identity && isLive(l, now))
      .map((l) => l.renewedAt + l.durationMs - now + EXPIRY_MARGIN_MS);
    return Math.max(EXPIRY_MARGIN_MS, Math.min(this.tickMs, ...expiries));
  }

  /** One round: renew, balance, and tell the listener what changed. Never throws. */
  async tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.round()
      .catch((error: unknown) => this.options.log?.error(`shard leases: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.ticking = undefined;
      });
    return this.ticking;
  }

  private async round(): Promise<void> {
    const { client, namespace, identity, shardCount } = this.options;
    const leases = await listLeases(client, namespace);
    this.lastSeen = leases;
    const now = this.now();
    const mine = leases.find((l) => l.role === "replica" && l.name === replicaLeaseName(identity));
    this.replicaLease = await this.write(mine ?? { name: replicaLeaseName(identity), role: "replica" }, identity, now, !mine);
    const replicas = leases.filter((l) => l.role === "replica" && isLive(l, now)).map((l) => l.holder);
    const byShard = new Map(leases.filter((l) => l.role === "shard" && l.shard !== undefined && l.shard < shardCount).map((l) => [l.shard as number, l] as const));
    const plan = planShards({ me: identity, shardCount, replicas, leases: byShard, now });
    const change: ShardChange = { acquired: [], released: [] };
    for (const shard of [...this.held.keys()]) {
      if (!plan.renew.includes(shard)) {
        this.held.delete(shard);
        change.released.push(shard);
      }
    }
    await Promise.all(
      plan.release.map(async (shard) => {
        const lease = byShard.get(shard);
        if (lease) await this.write(lease, "", now).catch(() => undefined);
      }),
    );
    const failures: unknown[] = [];
    await Promise.all(
      [...plan.renew, ...plan.acquire].map(async (shard) => {
        const lease = byShard.get(shard);
        try {
          const written = await this.write(lease ?? { name: shardLeaseName(shard), role: "shard", shard }, identity, now, !lease);
          if (!this.held.has(shard)) change.acquired.push(shard);
          this.held.set(shard, { until: now + this.durationMs - SAFETY_MS, lease: written });
        } catch (error) {
          if (this.held.delete(shard)) change.released.push(shard);
          if (!isConflict(error)) failures.push(error);
        }
      }),
    );
    change.acquired.sort((a, b) => a - b);
    change.released.sort((a, b) => a - b);
    if (change.acquired.length > 0 || change.released.length > 0) await this.listener(change);
    if (failures.length > 0) throw failures[0];
  }

  private write(lease: Pick<StoredLease, "name" | "role" | "shard"> & Partial<StoredLease>, holder: string, now: number, create = false): Promise<StoredLease> {
    return writeLease(this.options.client, {
      name: lease.name,
      namespace: this.options.namespace,
      role: lease.role,
      ...(lease.shard !== undefined ? { shard: lease.shard } : {}),
      holder,
      durationMs: this.durationMs,
      now,
      ...(create || !lease.object ? {} : { previous: lease as StoredLease }),
    });
  }

  /** The replicas and their shards: this replica's as it holds them now, the others' from the last Leases read. */
  status(): ShardStatus {
    const now = this.now();
    const replicas = this.lastSeen.filter((l) => l.role === "replica" && isLive(l, now));
    const shardLeases = this.lastSeen.filter((l) => l.role === "shard" && l.shard !== undefined);
    const mine = this.ownedShards();
    const views: ReplicaView[] = replicas.map((r) => {
      const self = r.holder === this.options.identity;
      const theirs = shardLeases.filter((l) => isLive(l, now) && l.holder === r.holder && !mine.includes(l.shard as number)).map((l) => l.shard as number);
      return { identity: r.holder, shards: (self ? mine : theirs).sort((a, b) => a - b), renewedAt: new Date(r.renewedAt).toISOString(), self };
    });
    const held = new Set([...mine, ...shardLeases.filter((l) => isLive(l, now)).map((l) => l.shard as number)]);
    const unheld = Array.from({ length: this.options.shardCount }, (_, s) => s).filter((s) => !held.has(s));
    return { identity: this.options.identity, shardCount: this.options.shardCount, namespace: this.options.namespace, replicas: views, unheld };
  }
}
