/**
 * What the benchmark asks of a GitOps peer, whichever it is: create apps, read their state,
 * ask for a refresh. argocd.ts and flux.ts answer it with the peer's own objects through kubectl.
 */
import type { PeerRuntime } from "@/tools/peers";

/** One app as every tool is given it: a repository path synced into a namespace. */
export interface PeerApp {
  name: string;
  repoUrl: string;
  /** Directory in the repository, e.g. `manifests` or `apps/app-0001`. */
  path: string;
  namespace: string;
}

/** One app's state as the peer reports it. */
export interface PeerAppState {
  /** The commit SHA the peer last compared (Argo CD) or applied/attempted (Flux), or null. */
  revision: string | null;
  /** Synced (Argo CD) or Ready (Flux) at `revision`. */
  synced: boolean;
  /** True once the peer has handled the last refresh asked of this app. */
  refreshed: boolean;
}

/** A started peer the benchmark can drive. */
export interface PeerDriver {
  runtime: PeerRuntime;
  /** How a refresh is asked for, said in the figures' notes. */
  refreshMethod: string;
  /** True when the peer reports drift from a live change (Flux does not: it corrects it at its interval). */
  reportsDrift: boolean;
  /**
   * Creates the apps. `shareSource` makes them share one source object for one repository
   * (Flux: one GitRepository for all Kustomizations, as one config repository is usually set up).
   */
  createApps(apps: readonly PeerApp[], options?: { shareSource?: boolean }): Promise<void>;
  /** The state of every app this driver created, by name. */
  states(): Promise<Map<string, PeerAppState>>;
  /** Asks the peer to look at Git and the cluster again now, for these apps. */
  refresh(names: readonly string[]): Promise<void>;
  /** True when the peer reports the app OutOfSync (only when `reportsDrift`). */
  isOutOfSync(name: string): Promise<boolean>;
  /** Deletes every app object this driver created (not what they deployed). */
  deleteApps(): Promise<void>;
}
