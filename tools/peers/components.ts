/**
 * The peers the benchmark measures Lockstep against, and how each one's binaries are built:
 * one Go module per upstream program under tools/peers/, pinned by its go.mod.
 */

/** The peers `npm run bench -- --peers` knows. */
export const peerNames = ["argocd", "flux"] as const;

/** One peer's name. */
export type PeerName = (typeof peerNames)[number];

/** One binary of a peer: the Go module (a directory under tools/peers/) and the package built from it. */
export interface PeerBinarySpec {
  /** File name in the binary cache. */
  binary: string;
  /** Directory of its Go module under tools/peers/. */
  module: string;
  /** The `main` package built. */
  pkg: string;
  /** The upstream module whose version go.mod pins (reported with every figure). */
  upstream: string;
  /** `-X` flags that stamp the upstream version, as the upstream release build does. */
  versionLdflags(version: string): string[];
}

/** Every peer's binaries, in build order. */
export const peerBinaries: Record<PeerName, readonly PeerBinarySpec[]> = {
  argocd: [
    {
      binary: "argocd",
      module: "argocd",
      pkg: "github.com/argoproj/argo-cd/v3/cmd",
      upstream: "github.com/argoproj/argo-cd/v3",
      versionLdflags: (version) => [`-X github.com/argoproj/argo-cd/v3/common.version=${version.replace(/^v/, "")}`],
    },
  ],
  flux: [
    {
      binary: "source-controller",
      module: "source-controller",
      pkg: "github.com/fluxcd/source-controller",
      upstream: "github.com/fluxcd/source-controller",
      versionLdflags: () => [],
    },
    {
      binary: "kustomize-controller",
      module: "kustomize-controller",
      pkg: "github.com/fluxcd/kustomize-controller",
      upstream: "github.com/fluxcd/kustomize-controller",
      versionLdflags: () => [],
    },
  ],
};

/** True when `name` is a peer this benchmark knows. */
export function isPeerName(name: string): name is PeerName {
  return (peerNames as readonly string[]).includes(name);
}
