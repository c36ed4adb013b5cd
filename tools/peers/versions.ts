/**
 * Versions pinned by the peers' go.mod files: what each figure names as the peer's version.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { peerBinaries, type PeerName } from "./components";

/** The directory of tools/peers/ (its Go modules live below it). */
export const peersDir: string = import.meta.dirname;

/** The version `goMod` requires of `modulePath`, e.g. `v3.2.12`; undefined when it does not require it. */
export function requiredVersion(goMod: string, modulePath: string): string | undefined {
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, "m").exec(goMod)?.[1];
}

/** `argocd v3.2.12` or `source-controller v1.9.6, kustomize-controller v1.9.6`: the peer's pinned versions. */
export async function peerVersion(peer: PeerName): Promise<string> {
  const parts = await Promise.all(
    peerBinaries[peer].map(async (spec) => {
      const goMod = await readFile(join(peersDir, spec.module, "go.mod"), "utf8");
      return `${spec.binary} ${requiredVersion(goMod, spec.upstream) ?? "unknown"}`;
    }),
  );
  return parts.join(", ");
}
