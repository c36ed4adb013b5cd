/**
 * The {@link ManifestCipher} of the operations store: AES-256-GCM with the same key ring as
 * repository credentials, bound to the "operation-manifests" purpose. A sealed set is stored
 * as the bytes of the sealed string (`v1.<key id>.…`), which never starts like gzip, so rows
 * written before encryption stay readable.
 */
import type { ManifestCipher } from "@/lib/db/manifest-cipher";

import { openBytes, seal } from "./cipher";
import type { KeyRing } from "./secret-key";

/** Builds the manifest cipher on a key ring, loaded when first needed. */
export function createManifestCipher({ keyRing }: { keyRing: () => Promise<KeyRing> }): ManifestCipher {
  return {
    async seal(data) {
      return Buffer.from(seal(data, await keyRing(), "operation-manifests"), "utf8");
    },
    async open(sealed) {
      return openBytes(sealed.toString("utf8"), await keyRing(), "operation-manifests").bytes;
    },
  };
}
