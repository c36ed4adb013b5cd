/**
 * Password hashing with scrypt, a memory-hard function (node:crypto, no native add-on).
 * Parameters follow OWASP's recommendation for scrypt: N = 2^17, r = 8, p = 1 (128 MiB per
 * hash). Hashes are stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url), so the
 * cost can be raised later without invalidating existing hashes.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import pLimit from "p-limit";
import { TooManyAttemptsError } from "./errors";

const LOG2_N = 17;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;

/** The shortest password a person may choose. */
export const MIN_PASSWORD_LENGTH = 12;
/** The longest password accepted (scrypt reads it whole). */
export const MAX_PASSWORD_LENGTH = 1024;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function costOptions(log2N: number, r: number, p: number): ScryptOptions {
  const N = 2 ** log2N;
  return { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 };
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, KEY_LENGTH, costOptions(LOG2_N, BLOCK_SIZE, PARALLELISM));
  return ["scrypt", LOG2_N, BLOCK_SIZE, PARALLELISM, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** True when `password` matches `stored`; false for a malformed hash too. Compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, costOptions(Number(log2N), Number(r), Number(p)));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const DUMMY_HASH = `scrypt$${LOG2_N}$${BLOCK_SIZE}$${PARALLELISM}$${Buffer.alloc(SALT_LENGTH).toString("base64url")}$${Buffer.alloc(KEY_LENGTH).toString("base64url")}`;

/** Spends as long as a real verification, so an unknown user name answers as slowly as a wrong password. */
export async function verifyNothing(password: string): Promise<false> {
  await verifyPassword(password, DUMMY_HASH);
  return false;
}

/** Options of {@link createPasswordHasher}. */
export interface PasswordHasherOptions {
  /** Hashes computed at once (each takes 128 MiB and a libuv thread). @default 2 */
  concurrency?: number;
  /** Hashes allowed to wait for a turn; beyond that the server answers busy. @default 8 */
  maxWaiting?: number;
}

/**
 * Password hashing with a bounded number of hashes at once, so a flood of sign-ins cannot
 * fill libuv's thread pool (and the memory) with scrypt jobs and stall the server: beyond
 * `concurrency` running and `maxWaiting` waiting, a hash is refused with a 429 "busy".
 * One per Auth object.
 */
export function createPasswordHasher(options: PasswordHasherOptions = {}) {
  const limit = pLimit(options.concurrency ?? 2);
  const maxWaiting = options.maxWaiting ?? 8;

  function bounded<T>(task: () => Promise<T>): Promise<T> {
    if (limit.pendingCount >= maxWaiting) {
      return Promise.reject(new TooManyAttemptsError("The server is busy checking passwords; try again in a moment.", 1));
    }
    return limit(task);
  }

  return {
    /** {@link hashPassword}, bounded. */
    hash: (password: string) => bounded(() => hashPassword(password)),
    /** {@link verifyPassword}, bounded. */
    verify: (password: string, stored: string) => bounded(() => verifyPassword(password, stored)),
    /** {@link verifyNothing}, bounded. */
    verifyNothing: (password: string) => bounded(() => verifyNothing(password)),
  };
}

/** A bounded password hasher: see {@link createPasswordHasher}. */
export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

/** The problem with a new password, as one sentence, or undefined when it is acceptable. */
export function newPasswordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return undefined;
}

/** A random password of 24 URL-safe characters, for the initial admin and password resets. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
