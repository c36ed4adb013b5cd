/**
 * The keys that encrypt repository credentials at rest. The current key comes
 * from `LOCKSTEP_SECRET_KEY` (32 random bytes, base64) or, when that is unset,
 * from `<dataDir>/secret.key`, generated on first use with owner-only
 * permissions. Older keys — `LOCKSTEP_SECRET_KEY_PREVIOUS` (comma-separated)
 * and the key file when the environment variable replaced it — still decrypt,
 * so a key can be rotated without losing what it protected.
 */
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { dataDir } from "@/lib/db/config";

import { SecretKeyError } from "./secret-key-error";

/** Length of an AES-256 key in bytes. */
export const KEY_BYTES = 32;

/** One key and the short id stored next to what it encrypted. */
export interface SecretKey {
  /** The first 8 hex digits of the key's SHA-256: names the key without revealing it. */
  id: string;
  bytes: Buffer;
}

/** The key to encrypt with, and every key that may still decrypt. */
export interface KeyRing {
  current: SecretKey;
  previous: SecretKey[];
}

/** Where keys come from; defaults to the process environment and data directory. */
export interface KeyRingOptions {
  env?: Readonly<Record<string, string | undefined>>;
  dataDir?: string;
}

/** Builds a {@link SecretKey} from its bytes. */
export function toSecretKey(bytes: Buffer): SecretKey {
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 8), bytes };
}

function decodeKey(text: string, source: string): SecretKey {
  const bytes = Buffer.from(text.trim(), "base64");
  if (bytes.length !== KEY_BYTES || bytes.toString("base64").replace(/=+$/, "") !== text.trim().replace(/=+$/, "")) {
    throw new SecretKeyError(`${source} must be ${KEY_BYTES} random bytes encoded in base64 (for example the output of "openssl rand -base64 32").`);
  }
  return toSecretKey(bytes);
}

async function readKeyFile(file: string): Promise<SecretKey | undefined> {
  try {
    return decodeKey(await readFile(file, "utf8"), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Reads the key file, or creates it (0600) with a fresh random key; a concurrent creator's key wins. */
async function readOrCreateKeyFile(file: string): Promise<SecretKey> {
  const existing = await readKeyFile(file);
  if (existing) return existing;
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    await chmod(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const created = await readKeyFile(file);
  if (!created) throw new SecretKeyError(`The key file ${file} could not be created.`);
  return created;
}

/** The path of the generated key file. */
export function keyFilePath(options: KeyRingOptions = {}): string {
  return path.join(options.dataDir ?? dataDir(), "secret.key");
}

/**
 * Loads the key ring: `LOCKSTEP_SECRET_KEY` or the key file as the current key,
 * `LOCKSTEP_SECRET_KEY_PREVIOUS` and a superseded key file as previous keys.
 * @throws SecretKeyError when a configured key is not 32 bytes of base64.
 */
export async function loadKeyRing(options: KeyRingOptions = {}): Promise<KeyRing> {
  const env = options.env ?? process.env;
  const file = keyFilePath(options);
  const fromEnv = env.LOCKSTEP_SECRET_KEY?.trim();
  const current = fromEnv ? decodeKey(fromEnv, "LOCKSTEP_SECRET_KEY") : await readOrCreateKeyFile(file);
  const previous = (env.LOCKSTEP_SECRET_KEY_PREVIOUS ?? "")
    .split(",")
    .map((text) => text.trim())
    .filter((text) => text !== "")
    .map((text) => decodeKey(text, "Each key of LOCKSTEP_SECRET_KEY_PREVIOUS"));
  if (fromEnv) {
    const superseded = await readKeyFile(file);
    if (superseded) previous.push(superseded);
  }
  const ids = new Set([current.id]);
  return { current, previous: previous.filter((key) => !ids.has(key.id) && ids.add(key.id)) };
}

/**
 * {@link loadKeyRing} once, on first call, shared by whoever holds the loader (the manifest
 * cipher of the operations store); a failed load is not kept, so the next call tries again.
 */
export function keyRingLoader(options: KeyRingOptions = {}): () => Promise<KeyRing> {
  let ring: Promise<KeyRing> | undefined;
  return () => {
    if (!ring) {
      const loading = loadKeyRing(options);
      loading.catch(() => {
        if (ring === loading) ring = undefined;
      });
      ring = loading;
    }
    return ring;
  };
}
