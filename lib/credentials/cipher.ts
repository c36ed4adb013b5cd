/**
 * AES-256-GCM for secrets at rest. A sealed value is one string,
 * `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url parts), so it names the key
 * that sealed it: opening picks that key from the ring, and a value sealed by a
 * previous key can be re-sealed with the current one.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

import type { KeyRing, SecretKey } from "./secret-key";
import { SecretKeyError } from "./secret-key-error";

const VERSION = "v1";
const IV_BYTES = 12;
/** The GCM tag length, pinned: a shorter tag would be accepted by default and is easier to forge. */
const TAG_BYTES = 16;

/**
 * What a sealed value is for, bound into it as associated data, so a ciphertext of one purpose
 * cannot be passed off as another (a stored manifest set as a repository credential, a
 * repository token as a cluster's).
 */
export type SealPurpose = "repo-credential" | "operation-manifests" | "cluster-credential" | "notification-secret";

const associatedData = (purpose: SealPurpose) => Buffer.from(`lockstep/${purpose}`);

/** Encrypts `plaintext` with the ring's current key, for `purpose` (a repository credential by default). */
export function seal(plaintext: string | Buffer, ring: KeyRing, purpose: SealPurpose = "repo-credential"): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(purpose));
  const bytes = typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext;
  const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return [VERSION, ring.current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** What {@link open} found. */
export interface Opened {
  plaintext: string;
  /** True when a previous key opened it: re-seal it with the current key. */
  isStale: boolean;
}

/** What {@link openBytes} found. */
export interface OpenedBytes {
  bytes: Buffer;
  /** True when a previous key opened it. */
  isStale: boolean;
}

function tryOpen(key: SecretKey, iv: Buffer, tag: Buffer, data: Buffer, purpose: SealPurpose): Buffer | undefined {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(purpose));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return undefined;
  }
}

/**
 * Decrypts a sealed value with the key it names (or, failing that, any key of the ring).
 * @throws SecretKeyError when no key of the ring opens it or it is not a sealed value.
 */
export function open(sealed: string, ring: KeyRing, purpose: SealPurpose = "repo-credential"): Opened {
  const { bytes, isStale } = openBytes(sealed, ring, purpose);
  return { plaintext: bytes.toString("utf8"), isStale };
}

/**
 * {@link open} for binary plaintexts (compressed manifests).
 * @throws SecretKeyError when no key of the ring opens it for `purpose` or it is not a sealed value.
 */
export function openBytes(sealed: string, ring: KeyRing, purpose: SealPurpose): OpenedBytes {
  const [version, keyId, iv, tag, data, ...rest] = sealed.split(".");
  if (version !== VERSION || !keyId || iv === undefined || tag === undefined || data === undefined || rest.length > 0) {
    throw new SecretKeyError("A stored secret is not in Lockstep's encrypted format.");
  }
  const tagBytes = Buffer.from(tag, "base64url");
  if (tagBytes.length !== TAG_BYTES) throw new SecretKeyError("A stored secret is not in Lockstep's encrypted format.");
  const keys = [ring.current, ...ring.previous];
  const ordered = [...keys.filter((key) => key.id === keyId), ...keys.filter((key) => key.id !== keyId)];
  for (const key of ordered) {
    const bytes = tryOpen(key, Buffer.from(iv, "base64url"), tagBytes, Buffer.from(data, "base64url"), purpose);
    if (bytes !== undefined) return { bytes, isStale: key.id !== ring.current.id };
  }
  throw new SecretKeyError(
    `A stored secret was encrypted with key ${keyId}, which is neither LOCKSTEP_SECRET_KEY nor one of LOCKSTEP_SECRET_KEY_PREVIOUS; restore that key or enter the secret again.`,
  );
}
