/**
 * Checkouts shared by the renders of one commit: when a push moves a branch that many apps
 * follow, each of them renders the same commit, and one checkout (and one scan of it) serves
 * them all instead of one per app. A checkout is removed a little while after its last user
 * released it, so the renders of one refresh cycle find it still there.
 */
import { realpath } from "node:fs/promises";

import { checkoutCommit, type Checkout, type CheckoutOptions } from "./checkout";
import { scanCheckout } from "./checkout-scan";
import type { GitCommandOptions } from "./git";
import type { RenderLimits } from "./limits";
import { SourceError } from "./source-error";

/** How long an unused checkout is kept for the next render of the same commit. */
export const CHECKOUT_KEEP_MS = 15_000;

/** A checkout in use; call `release()` when done with it. */
export interface SharedCheckout {
  /** Directory holding the commit's tree (the repository root). */
  dir: string;
  /** Checks the whole checkout (see `scanCheckout`) once, however many renders ask. */
  scan(limits: Pick<RenderLimits, "maxEntries">): Promise<void>;
  /** Gives the checkout back; safe to call more than once. */
  release(): void;
}

/** What {@link createCheckoutPool} needs. */
export interface CheckoutPoolOptions {
  /** Where checkouts are created, e.g. `<dataDir>/scratch`. */
  scratchDir: string;
  /** How long a checkout outlives its last user. @default CHECKOUT_KEEP_MS */
  keepMs?: number;
  /** Makes one checkout; tests replace it. @default checkoutCommit */
  checkout?: (mirror: string, sha: string, options: CheckoutOptions) => Promise<Checkout>;
  /** Told when a checkout cannot be removed. */
  log?: (message: string) => void;
}

/** The shared checkouts of one source. */
export interface CheckoutPool {
  /**
   * The checkout of commit `sha` from `mirror`: the one already made for it, or a new one (no
   * abort signal, as other renders may come to share it). A checkout that failed is not kept.
   * @throws SourceError once the pool is disposed.
   */
  acquire(mirror: string, sha: string, options?: Pick<GitCommandOptions, "timeoutMs">): Promise<SharedCheckout>;
  /** Removes every checkout no render is using now, without waiting for its time to run out. */
  removeIdle(): Promise<void>;
  /** Clears every timer and removes the idle checkouts; those in use go as soon as they are released. */
  dispose(): Promise<void>;
}

interface PoolEntry {
  checkout: Promise<Checkout>;
  users: number;
  timer?: NodeJS.Timeout;
  scans: Map<number, Promise<void>>;
}

/** Creates an empty {@link CheckoutPool}. */
export function createCheckoutPool(options: CheckoutPoolOptions): CheckoutPool {
  const { scratchDir, keepMs = CHECKOUT_KEEP_MS, checkout: makeCheckout = checkoutCommit, log } = options;
  const entries = new Map<string, PoolEntry>();
  let disposed = false;

  async function removeIfIdle(key: string, entry: PoolEntry): Promise<void> {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.users > 0 || entries.get(key) !== entry) return;
    entries.delete(key);
    const made = await entry.checkout.catch(() => undefined);
    await made?.dispose().catch((error: unknown) => log?.(`cannot remove checkout ${made.dir}: ${error instanceof Error ? error.message : String(error)}`));
  }

  function release(key: string, entry: PoolEntry): void {
    entry.users -= 1;
    if (entry.users > 0) return;
    if (disposed) {
      void removeIfIdle(key, entry);
      return;
    }
    entry.timer = setTimeout(() => void removeIfIdle(key, entry), keepMs);
    entry.timer.unref();
  }

  return {
    async acquire(mirror, sha, git = {}) {
      if (disposed) throw new SourceError("the source is closed");
      const key = JSON.stringify([mirror, sha]);
      let entry = entries.get(key);
      if (!entry) {
        entry = { checkout: makeCheckout(mirror, sha, { timeoutMs: git.timeoutMs, scratchDir }), users: 0, scans: new Map() };
        entries.set(key, entry);
      }
      const shared = entry;
      shared.users += 1;
      clearTimeout(shared.timer);
      shared.timer = undefined;
      let made: Checkout;
      try {
        made = await shared.checkout;
      } catch (error) {
        shared.users -= 1;
        if (entries.get(key) === shared) entries.delete(key);
        throw error;
      }
      let released = false;
      return {
        dir: made.dir,
        scan(limits) {
          let scanned = shared.scans.get(limits.maxEntries);
          if (!scanned) {
            scanned = realpath(made.dir).then((root) => scanCheckout(root, { limits }));
            shared.scans.set(limits.maxEntries, scanned);
          }
          return scanned;
        },
        release() {
          if (released) return;
          released = true;
          release(key, shared);
        },
      };
    },
    async removeIdle() {
      await Promise.all([...entries].map(([key, entry]) => removeIfIdle(key, entry)));
    },
    async dispose() {
      disposed = true;
      await Promise.all([...entries].map(([key, entry]) => removeIfIdle(key, entry)));
    },
  };
}
