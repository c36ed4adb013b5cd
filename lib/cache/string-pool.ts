/** Strings pooled at most; past this the pool starts again empty (sharing only what comes next). */
const POOL_SIZE = 50_000;
/** Longer strings are rarely repeated (messages, certificates) and are left alone. */
const MAX_POOLED_LENGTH = 96;

/**
 * One copy of each short string value of the objects a watch cache keeps. Objects parsed from
 * the API each hold their own copy of every value — `apps/v1`, a kind, an image, a label, a
 * condition's reason, a namespace, a timestamp — and at thousands of apps these copies were a
 * seventh of the cache. Values are replaced in place, which no reader can tell apart (strings
 * have no identity in JavaScript); property names are shared by the parser already. Frozen
 * parts (shared field sets) are skipped.
 */
export class StringPool {
  private pool = new Map<string, string>();

  /** The object, its short string values replaced by pooled ones; returned for chaining. */
  share<T>(value: T): T {
    this.walk(value);
    return value;
  }

  /** Strings pooled now. */
  get size(): number {
    return this.pool.size;
  }

  private walk(node: unknown): void {
    if (!node || typeof node !== "object" || Object.isFrozen(node)) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === "string") node[i] = this.pooled(item);
        else this.walk(item);
      }
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === "string") record[key] = this.pooled(item);
      else this.walk(item);
    }
  }

  private pooled(text: string): string {
    if (text.length > MAX_POOLED_LENGTH) return text;
    const known = this.pool.get(text);
    if (known !== undefined) return known;
    if (this.pool.size >= POOL_SIZE) this.pool = new Map();
    this.pool.set(text, text);
    return text;
  }
}
