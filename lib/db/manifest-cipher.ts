/**
 * How the operations store keeps the manifests an operation applied: gzip-compressed, then
 * encrypted by a {@link ManifestCipher}, because rendered Secrets (their `data` and `stringData`)
 * are among them. Rows written before encryption (gzip only) are still read.
 */
import { gunzipSync, gzipSync } from "node:zlib";

/** Encrypts and decrypts stored manifest sets; lib/credentials `createManifestCipher` is the real one. */
export interface ManifestCipher {
  seal(data: Buffer): Promise<Buffer>;
  open(sealed: Buffer): Promise<Buffer>;
}

/** Whether stored bytes are a bare gzip stream (a row written before manifests were encrypted). */
export function isGzipOnly(stored: Uint8Array): boolean {
  return stored.length >= 2 && stored[0] === 0x1f && stored[1] === 0x8b;
}

/** Compresses a JSON text and, given a cipher, encrypts it. */
export async function encodeManifests(json: string, cipher: ManifestCipher | undefined): Promise<Uint8Array<ArrayBuffer>> {
  const compressed = gzipSync(json);
  return new Uint8Array(cipher ? await cipher.seal(compressed) : compressed);
}

/**
 * The JSON text of stored manifests, encrypted or (older rows) gzip-only.
 * @throws Error when the bytes are encrypted and no cipher was given; the cipher's error when it cannot open them.
 */
export async function decodeManifests(stored: Uint8Array, cipher: ManifestCipher | undefined): Promise<string> {
  const bytes = Buffer.from(stored);
  if (isGzipOnly(bytes)) return gunzipSync(bytes).toString("utf8");
  if (!cipher) throw new Error("These operation manifests are encrypted, and this database was opened without the key to read them.");
  return gunzipSync(await cipher.open(bytes)).toString("utf8");
}
