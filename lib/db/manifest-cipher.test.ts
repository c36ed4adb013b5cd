import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { decodeManifests, encodeManifests, isGzipOnly, type ManifestCipher } from "./manifest-cipher";

/** A stand-in cipher that reverses the bytes behind a marker: enough to see it was used. */
const reversing: ManifestCipher = {
  seal: async (data) => Buffer.concat([Buffer.from("v1."), Buffer.from(data).reverse()]),
  open: async (sealed) => Buffer.from(sealed.subarray(3)).reverse(),
};

describe("stored manifests", () => {
  const json = JSON.stringify([{ kind: "Secret", stringData: { password: "hunter2-canary" } }]);

  it("are encrypted when a cipher is given, and read back", async () => {
    const stored = await encodeManifests(json, reversing);
    expect(isGzipOnly(stored)).toBe(false);
    expect(await decodeManifests(stored, reversing)).toBe(json);
  });

  it("written before encryption (gzip only) are still read", async () => {
    expect(await decodeManifests(new Uint8Array(gzipSync(json)), reversing)).toBe(json);
  });

  it("that are encrypted cannot be read without the cipher", async () => {
    await expect(decodeManifests(await encodeManifests(json, reversing), undefined)).rejects.toThrow(/encrypted/);
  });
});
