import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { decodeManifests, encodeManifests } from "@/lib/db/manifest-cipher";

import { open, seal } from "./cipher";
import { createManifestCipher } from "./manifest-cipher";
import { toSecretKey, type KeyRing } from "./secret-key";

const ring: KeyRing = { current: toSecretKey(randomBytes(32)), previous: [] };
const cipher = createManifestCipher({ keyRing: async () => ring });

describe("the manifest cipher", () => {
  const json = JSON.stringify([{ apiVersion: "v1", kind: "Secret", stringData: { password: "hunter2-canary" } }]);

  it("stores no byte of a Secret in clear, even decompressed", async () => {
    const stored = Buffer.from(await encodeManifests(json, cipher));
    expect(stored.toString("latin1")).not.toContain("canary");
    expect(() => gunzipSync(stored)).toThrow();
    expect(stored.toString("utf8")).toMatch(new RegExp(`^v1\\.${ring.current.id}\\.`));
  });

  it("reads back what it sealed", async () => {
    expect(await decodeManifests(await encodeManifests(json, cipher), cipher)).toBe(json);
  });

  it("cannot be passed off as a repository credential, nor the reverse", async () => {
    const sealedManifests = Buffer.from(await encodeManifests(json, cipher)).toString("utf8");
    expect(() => open(sealedManifests, ring)).toThrow();
    await expect(cipher.open(Buffer.from(seal("token", ring)))).rejects.toThrow();
  });
});
