import { CoreV1Api, VersionApi, type KubeConfig } from "@kubernetes/client-node";
import type { KubeConfigs } from "./config";
import { describeKubeError } from "./errors";

/** A node's name and whether its Ready condition is True. */
export interface NodeSummary {
  name: string;
  ready: boolean;
}

/** What the dashboard shows about a destination cluster's connection. */
export interface ClusterInfo {
  cluster: string;
  server?: string;
  connected: boolean;
  version?: string;
  nodes: NodeSummary[];
  error?: string;
}

/** Asks a cluster for its version and nodes; never throws, reporting failure in `error`. */
export async function getClusterInfo(configs: KubeConfigs, cluster: string): Promise<ClusterInfo> {
  let kc: KubeConfig;
  try {
    kc = configs.load(cluster);
  } catch (error) {
    return { cluster, connected: false, nodes: [], error: error instanceof Error ? error.message : String(error) };
  }
  return clusterInfoOf(cluster, kc);
}

/**
 * Asks the cluster `kc` reaches for its version (`/version`) and nodes; never throws. Connected
 * means the version answered: nodes are best effort, as a least-privilege account may not list them.
 */
export async function clusterInfoOf(cluster: string, kc: KubeConfig): Promise<ClusterInfo> {
  const server = kc.getCurrentCluster()?.server;
  const [version, nodes] = await Promise.allSettled([kc.makeApiClient(VersionApi).getCode(), kc.makeApiClient(CoreV1Api).listNode()]);
  if (version.status === "rejected") return { cluster, server, connected: false, nodes: [], error: unreachableReason(version.reason) };
  return {
    cluster,
    server,
    connected: true,
    version: version.value.gitVersion,
    nodes:
      nodes.status === "fulfilled"
        ? nodes.value.items.map((node) => ({
            name: node.metadata?.name ?? "",
            ready: node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
          }))
        : [],
  };
}

/** Why a cluster did not answer, in words an admin can act on: refused credentials are named as such. */
function unreachableReason(error: unknown): string {
  const described = describeKubeError(error);
  if (described.status === 401) return "The API server refused the credentials (401 Unauthorized): the token or client certificate is invalid or expired.";
  if (described.status === 403) return "The credentials may not read the server's version (403 Forbidden).";
  return described.message;
}
