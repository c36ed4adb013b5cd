/**
 * Failed sign-in delays, per account and per client address: each failure beyond a few free
 * ones doubles the wait before the next attempt, up to a cap — growing delays rather than a
 * hard lock, so an attacker can slow a guesser down but never lock the real user out.
 *
 * An attempt is counted as a failure the moment it is admitted, before its password is
 * hashed, so parallel requests cannot all slip through while the first hashes run; a correct
 * password (or an attempt that was never evaluated) takes its count back. A client address
 * with no recent failures is not held by the account's delay: the real user signs in from
 * their own address while the account is attacked from elsewhere (each attacking address
 * then gets one guess before the account's delay holds it too).
 *
 * Kept in memory by the Auth object that owns the limiter (see auth.ts): a restart forgets the
 * counts, and several replicas would each count on their own.
 */
import { LRUCache } from "lru-cache";

/** Options of a {@link FailureBackoff}. */
export interface FailureBackoffOptions {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** The delay after the first failure beyond the free ones; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest delay. */
  maxDelayMs: number;
  /** A key with no failure for this long is forgotten. */
  forgetAfterMs: number;
  /** Keys remembered at most (the least recently failed are forgotten first). @default 10_000 */
  maxKeys?: number;
}

interface Failures {
  count: number;
  lastAt: number;
}

/** Counts failures per key and says how long a key must wait: exponential, capped. */
export class FailureBackoff {
  private readonly entries: LRUCache<string, Failures>;
  constructor(private readonly options: FailureBackoffOptions) {
    this.entries = new LRUCache({ max: options.maxKeys ?? 10_000 });
  }

  private current(key: string, now: number): Failures | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastAt >= this.options.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** The delay after `count` failures: none up to the free ones, then doubling from the base up to the cap. */
  delayAfter(count: number): number {
    const { freeFailures, baseDelayMs, maxDelayMs } = this.options;
    if (count < freeFailures) return 0;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(count - freeFailures, 30));
  }

  /** Recent failures of `key`. */
  failures(key: string, now: number): number {
    return this.current(key, now)?.count ?? 0;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string, now: number): number {
    const entry = this.current(key, now);
    if (!entry) return 0;
    return Math.max(0, entry.lastAt + this.delayAfter(entry.count) - now);
  }

  /** Counts one failure of `key` at `now`. */
  recordFailure(key: string, now: number): void {
    this.entries.set(key, { count: this.failures(key, now) + 1, lastAt: now });
  }

  /** Takes back one failure of `key` (an attempt counted in advance that turned out right or was never evaluated). */
  forgiveOne(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.count <= 1) this.entries.delete(key);
    else this.entries.set(key, { ...entry, count: entry.count - 1 });
  }

  /** Forgets `key`'s failures. */
  reset(key: string): void {
    this.entries.delete(key);
  }
}

/** Who is signing in: the account (lower-cased user name) and the client address. */
export interface SignInAttemptKeys {
  account: string;
  address: string;
}

/** Whether an attempt may be evaluated now; when not, how long to wait. */
export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Per account: 5 free failures, then 10 s doubling up to 15 minutes; forgotten after an hour without failure. */
export const ACCOUNT_BACKOFF: FailureBackoffOptions = { freeFailures: 5, baseDelayMs: 10 * SECOND, maxDelayMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE };
/** Per client address: 10 free failures, then 10 s doubling up to 15 minutes; forgotten after an hour without failure. */
export const ADDRESS_BACKOFF: FailureBackoffOptions = { freeFailures: 10, baseDelayMs: 10 * SECOND, maxDelayMs: 15 * MINUTE, forgetAfterMs: 60 * MINUTE };

/** Options of {@link createSignInLimiter}. */
export interface SignInLimiterOptions {
  account?: FailureBackoffOptions;
  address?: FailureBackoffOptions;
}

/** The password sign-in limiter: admits attempts, counting each before it is evaluated. */
export function createSignInLimiter(options: SignInLimiterOptions = {}) {
  const account = new FailureBackoff(options.account ?? ACCOUNT_BACKOFF);
  const address = new FailureBackoff(options.address ?? ADDRESS_BACKOFF);

  /**
   * Admits an attempt and counts it as a failure at once (synchronously, so parallel attempts
   * see each other), or says how long to wait. The account's delay holds only addresses with
   * recent failures.
   */
  function admit(keys: SignInAttemptKeys, now: number): Admission {
    const isCleanAddress = address.failures(keys.address, now) === 0;
    const wait = Math.max(address.retryAfterMs(keys.address, now), isCleanAddress ? 0 : account.retryAfterMs(keys.account, now));
    if (wait > 0) return { admitted: false, retryAfterMs: wait };
    account.recordFailure(keys.account, now);
    address.recordFailure(keys.address, now);
    return { admitted: true };
  }

  /** An admitted attempt had the right password: the account's failures are forgotten, the address's advance count taken back. */
  function succeeded(keys: SignInAttemptKeys): void {
    account.reset(keys.account);
    address.forgiveOne(keys.address);
  }

  /** An admitted attempt was never evaluated (the server was busy): both advance counts are taken back. */
  function notEvaluated(keys: SignInAttemptKeys): void {
    account.forgiveOne(keys.account);
    address.forgiveOne(keys.address);
  }

  return { admit, succeeded, notEvaluated, account, address };
}

/** The password sign-in limiter: see {@link createSignInLimiter}. */
export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
