/**
 * Database reads shared for a short time: after a push that moves a thousand apps, every
 * comparison asks for its project and every new status for the notification subscriptions, and
 * one read of each serves them all instead of a query apiece. A read answers for `freshMs`; a
 * write in this process forgets it at once (`forget`), another replica's write is seen within
 * `freshMs`. A failed read is not kept. Only reads that lead to no write to a cluster belong
 * here: those read afresh.
 */

/** Reads by key, each shared for a short time; see the module comment. */
export class RecentReads<K, V> {
  private readonly reads = new Map<K, { at: number; value: Promise<V> }>();

  constructor(
    private readonly read: (key: K) => Promise<V>,
    private readonly clock: { now(): number },
    private readonly freshMs: number,
  ) {}

  /** The value of `key`, read now unless a read of it is under way or younger than `freshMs`. */
  get(key: K): Promise<V> {
    const now = this.clock.now();
    const recent = this.reads.get(key);
    if (recent && now - recent.at < this.freshMs) return recent.value;
    const value = this.read(key);
    const entry = { at: now, value };
    this.reads.set(key, entry);
    value.catch(() => {
      if (this.reads.get(key) === entry) this.reads.delete(key);
    });
    this.dropStale(now);
    return value;
  }

  /** Forgets the read of `key`, or every read: it was just written. */
  forget(key?: K): void {
    if (key === undefined) this.reads.clear();
    else this.reads.delete(key);
  }

  /** Drops reads past their time, so keys no longer asked for (a deleted project) do not pile up. */
  private dropStale(now: number): void {
    for (const [key, entry] of this.reads) if (now - entry.at >= this.freshMs) this.reads.delete(key);
  }
}
