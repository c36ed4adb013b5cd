/**
 * What a started peer answers, whichever it is: its version, the namespace of its own
 * objects, its processes (for memory and CPU) and how to stop it.
 */
import type { PeerName } from "./components";
import type { PeerKubectl } from "./kube";
import type { PeerProcess } from "./process";

/** Prefix of every namespace a peer's set-up or benchmark creates, so cleaning never touches another. */
export const PEER_NAMESPACE_PREFIX = "peer-";

/** What starting a peer needs. */
export interface StartPeerOptions {
  /** kubectl and the kubeconfig of the cluster the peer manages (and runs against). */
  kubectl: PeerKubectl;
  /** The peer's binaries (from `ensurePeerBinaries`). */
  binaries: Readonly<Record<string, string>>;
  /** Directory of the local toolchain's `kustomize` (and `helm`), put first on the peer's PATH. */
  toolsDir: string;
  /** Scratch directory for logs, caches and artifacts; the caller removes it. */
  workDir: string;
  log(line: string): void;
}

/** A running peer. */
export interface PeerRuntime {
  peer: PeerName;
  /** The versions its go.mod files pin, e.g. `argocd v3.2.11`. */
  version: string;
  /** Namespace of the peer's own objects (Applications, GitRepositories, Kustomizations). */
  controlNamespace: string;
  /** Its processes, whose memory and CPU the benchmark counts. */
  processes: readonly PeerProcess[];
  /** Directory of the processes' logs. */
  logsDir: string;
  /** Stops every process this runtime started. */
  stop(): Promise<void>;
}
