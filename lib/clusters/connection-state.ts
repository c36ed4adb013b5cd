import type { ClusterInfo } from "@/lib/kube/cluster-info";

/** How a registered cluster answered its last probe. */
export type ConnectionStatus = "unknown" | "connected" | "unreachable";

/** A registered cluster's connection, as the API and the Clusters page show it. */
export interface ConnectionState {
  /** `unknown` until the first probe has answered. */
  status: ConnectionStatus;
  /** The API server's version (`/version`'s `gitVersion`), from the last probe that reached it. */
  version?: string;
  /** When the API server last answered. */
  lastContact?: Date;
  /** Why the last probe failed, in one sentence; absent while connected. */
  reason?: string;
  /** When the last probe ended. */
  checkedAt?: Date;
}

/** The state of a cluster nobody has probed yet. */
export const UNKNOWN_CONNECTION: ConnectionState = { status: "unknown" };

/**
 * The state after a probe: connected with its version, or unreachable with the reason while
 * keeping the version and last contact of the last probe that succeeded.
 */
export function nextConnectionState(previous: ConnectionState | undefined, info: Pick<ClusterInfo, "connected" | "version" | "error">, at: Date): ConnectionState {
  if (info.connected) return { status: "connected", version: info.version, lastContact: at, checkedAt: at };
  return {
    status: "unreachable",
    ...(previous?.version !== undefined ? { version: previous.version } : {}),
    ...(previous?.lastContact !== undefined ? { lastContact: previous.lastContact } : {}),
    reason: info.error ?? "The API server did not answer.",
    checkedAt: at,
  };
}
