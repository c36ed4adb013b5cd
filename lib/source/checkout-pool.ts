/**
 * Checkouts shared by the renders of one commit: when a push moves a branch that many apps
 * follow, each of them renders the same commit, and one checkout (and one scan of it) serves
 * them all instead of one per app. A checkout is removed a little while after its last user
 * released it, so the renders of one refresh cycle find it still there.
 */
import { realpath } from "node:fs/promises";

import { checkoutCommit, type Checkout, type CheckoutOptions } from "./checkout";
import { scanCheckout } from "./checkout-scan";
import type { RenderLimits } from "./limits";

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

/** Options of {@link acquireCheckout}. */
export interface AcquireCheckoutOptions extends Omit<CheckoutOptions, "signal"> {
  /** How long the checkout outlives its last user. @default CHECKOUT_KEEP_MS */
  keepMs?: number;
}

interface PoolEntry {
  checkout: Promise<Checkout>;
  users: number;
  timer?: NodeJS.Timeout;
  scans: Map<number, Promise<void>>;
}

const globalForPool = globalThis as unknown as { lockstepCheckouts?: Map<string, PoolEntry> };

function pool(): Map<string, PoolEntry> {
  globalForPool.lockstepCheckouts ??= new Map();
  return globalForPool.lockstepCheckouts;
}

/**
 * The checkout of commit `sha` from `mirror`: the one already made for it, or a new one (see
 * `checkoutCommit`; no abort signal, as other renders may come to share it). A checkout that
 * failed is not kept.
 */
export async function acquireCheckout(mirror: string, sha: string, options: AcquireCheckoutOptions = {}): Promise<SharedCheckout> {
  const { keepMs = CHECKOUT_KEEP_MS, ...checkoutOptions } = options;
  const entries = pool();
  const key = JSON.stringify([mirror, sha, checkoutOptions.scratchDir ?? ""]);
  let entry = entries.get(key);
  if (!entry) {
    entry = { checkout: checkoutCommit(mirror, sha, checkoutOptions), users: 0, scans: new Map() };
    entries.set(key, entry);
  }
  const shared = entry;
  shared.users += 1;
  clearTimeout(shared.timer);
  shared.timer = undefined;
  let checkout: Checkout;
  try {
    checkout = await shared.checkout;
  } catch (error) {
    shared.users -= 1;
    if (entries.get(key) === shared) entries.delete(key);
    throw error;
  }
  let released = false;
  return {
    dir: checkout.dir,
    scan(limits) {
      let scanned = shared.scans.get(limits.maxEntries);
      if (!scanned) {
        scanned = realpath(checkout.dir).then((root) => scanCheckout(root, { limits }));
        shared.scans.set(limits.maxEntries, scanned);
      }
      return scanned;
    },
    release() {
      if (released) return;
      released = true;
      shared.users -= 1;
      if (shared.users > 0) return;
      shared.timer = setTimeout(() => void removeIfIdle(key, shared), keepMs);
      shared.timer.unref();
    },
  };
}

async function removeIfIdle(key: string, entry: PoolEntry): Promise<void> {
  const entries = pool();
  if (entry.users > 0 || entries.get(key) !== entry) return;
  entries.delete(key);
  clearTimeout(entry.timer);
  await (await entry.checkout).dispose();
}

/** Removes every checkout no render is using now, without waiting for its time to run out. */
export async function removeIdleCheckouts(): Promise<void> {
  await Promise.all([...pool()].map(([key, entry]) => removeIfIdle(key, entry)));
}
