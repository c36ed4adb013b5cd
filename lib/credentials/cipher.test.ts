import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { open, seal } from "./cipher";
import { keyFilePath, loadKeyRing, toSecretKey, type KeyRing } from "./secret-key";

const ringOf = (current: Buffer, ...previous: Buffer[]): KeyRing => ({ current: toSecretKey(current), previous: previous.map(toSecretKey) });

describe("seal and open", () => {
  const key = randomBytes(32);

  it("round-trips a secret and never stores it in clear", () => {
    const sealed = seal("ghp_planted-token-123", ringOf(key));
    expect(sealed).not.toContain("planted");
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(open(sealed, ringOf(key))).toEqual({ plaintext: "ghp_planted-token-123", isStale: false });
  });

  it("uses a fresh IV each time", () => {
    expect(seal("same", ringOf(key))).not.toBe(seal("same", ringOf(key)));
  });

  it("opens a value sealed by a previous key and says it is stale", () => {
    const sealed = seal("old secret", ringOf(key));
    expect(open(sealed, ringOf(randomBytes(32), key))).toEqual({ plaintext: "old secret", isStale: true });
  });

  it("refuses a value no key of the ring opens, naming the key id but no key material", () => {
    const sealed = seal("secret", ringOf(key));
    expect(() => open(sealed, ringOf(randomBytes(32)))).toThrow(/was encrypted with key [0-9a-f]{8}, which is neither LOCKSTEP_SECRET_KEY/);
  });

  it("refuses a tampered value", () => {
    const sealed = seal("secret", ringOf(key));
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => open(parts.join("."), ringOf(key))).toThrow(/neither LOCKSTEP_SECRET_KEY/);
  });

  it("refuses a value whose authentication tag is shorter than 16 bytes, before trying any key", () => {
    const sealed = seal("secret", ringOf(key));
    const parts = sealed.split(".");
    parts[3] = Buffer.from(parts[3]!, "base64url").subarray(0, 4).toString("base64url");
    expect(() => open(parts.join("."), ringOf(key))).toThrow("A stored secret is not in Lockstep's encrypted format.");
  });
});

describe("loadKeyRing", () => {
  const dirs: string[] = [];
  const tempDataDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-keys-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("generates an owner-only key file on first use and reuses it", async () => {
    const dataDir = await tempDataDir();
    const first = await loadKeyRing({ env: {}, dataDir });
    const again = await loadKeyRing({ env: {}, dataDir });
    expect(again.current.id).toBe(first.current.id);
    expect((await stat(keyFilePath({ dataDir }))).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(keyFilePath({ dataDir }), "utf8")).trim(), "base64")).toHaveLength(32);
  });

  it("prefers LOCKSTEP_SECRET_KEY and keeps a superseded key file and previous keys for decryption", async () => {
    const dataDir = await tempDataDir();
    const fileKey = (await loadKeyRing({ env: {}, dataDir })).current;
    const current = randomBytes(32);
    const previous = randomBytes(32);
    const ring = await loadKeyRing({
      env: { LOCKSTEP_SECRET_KEY: current.toString("base64"), LOCKSTEP_SECRET_KEY_PREVIOUS: ` ${previous.toString("base64")} ` },
      dataDir,
    });
    expect(ring.current.id).toBe(toSecretKey(current).id);
    expect(ring.previous.map((key) => key.id)).toEqual([toSecretKey(previous).id, fileKey.id]);
  });

  it("refuses a key that is not 32 bytes of base64 with one sentence", async () => {
    const dataDir = await tempDataDir();
    await expect(loadKeyRing({ env: { LOCKSTEP_SECRET_KEY: "too-short" }, dataDir })).rejects.toThrow(
      'LOCKSTEP_SECRET_KEY must be 32 random bytes encoded in base64 (for example the output of "openssl rand -base64 32").',
    );
  });
});
