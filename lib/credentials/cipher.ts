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
/** Binds ciphertexts to their purpose, so they cannot be passed off as another kind of secret. */
const ASSOCIATED_DATA = Buffer.from("lockstep/repo-credential");

/** Encrypts `plaintext` with the ring's current key. */
export function seal(plaintext: string, ring: KeyRing): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(ASSOCIATED_DATA);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, ring.current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** What {@link open} found. */
export interface Opened {
  plaintext: string;
  /** True when a previous key opened it: re-seal it with the current key. */
  isStale: boolean;
}

function tryOpen(key: SecretKey, iv: Buffer, tag: Buffer, data: Buffer): string | undefined {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(ASSOCIATED_DATA);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

/**
 * Decrypts a sealed value with the key it names (or, failing that, any key of the ring).
 * @throws SecretKeyError when no key of the ring opens it or it is not a sealed value.
 */
export function open(sealed: string, ring: KeyRing): Opened {
  const [version, keyId, iv, tag, data, ...rest] = sealed.split(".");
  if (version !== VERSION || !keyId || iv === undefined || tag === undefined || data === undefined || rest.length > 0) {
    throw new SecretKeyError("A stored secret is not in Lockstep's encrypted format.");
  }
  const tagBytes = Buffer.from(tag, "base64url");
  if (tagBytes.length !== TAG_BYTES) throw new SecretKeyError("A stored secret is not in Lockstep's encrypted format.");
  const keys = [ring.current, ...ring.previous];
  const ordered = [...keys.filter((key) => key.id === keyId), ...keys.filter((key) => key.id !== keyId)];
  for (const key of ordered) {
    const plaintext = tryOpen(key, Buffer.from(iv, "base64url"), tagBytes, Buffer.from(data, "base64url"));
    if (plaintext !== undefined) return { plaintext, isStale: key.id !== ring.current.id };
  }
  throw new SecretKeyError(
    `A stored secret was encrypted with key ${keyId}, which is neither LOCKSTEP_SECRET_KEY nor one of LOCKSTEP_SECRET_KEY_PREVIOUS; restore that key or enter the secret again.`,
  );
}
