/**
 * The peers `npm run bench -- --peers` measures Lockstep against, built from source and run
 * outside the cluster against the local control plane (README.md):
 *
 * - {@link ensurePeerBinaries} / {@link locatePeerBinaries}: build or find a peer's binaries in `~/.cache/lockstep/bin/peer-<name>-<key>/`.
 * - {@link startPeer}: start Argo CD or Flux and answer a {@link PeerRuntime} (version, processes, stop).
 */
import { startArgoCd } from "./argocd";
import type { PeerName } from "./components";
import { startFlux } from "./flux";
import type { PeerRuntime, StartPeerOptions } from "./runtime";

export { ARGOCD_NAMESPACE } from "./argocd";
export { ensurePeerBinaries, locatePeerBinaries, peerBinDir, type PeerBinPaths } from "./build";
export { isPeerName, peerNames, type PeerName } from "./components";
export { PeerError } from "./errors";
export { FLUX_NAMESPACE } from "./flux";
export { kubectl, type PeerKubectl } from "./kube";
export { PEER_NAMESPACE_PREFIX, type PeerRuntime, type StartPeerOptions } from "./runtime";
export { peerVersion } from "./versions";

/** Starts one peer (see argocd.ts and flux.ts for what runs). */
export function startPeer(peer: PeerName, options: StartPeerOptions): Promise<PeerRuntime> {
  return peer === "argocd" ? startArgoCd(options) : startFlux(options);
}
