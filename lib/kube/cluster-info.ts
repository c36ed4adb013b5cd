import { CoreV1Api, VersionApi } from "@kubernetes/client-node";
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
  let server: string | undefined;
  try {
    const kc = configs.load(cluster);
    server = kc.getCurrentCluster()?.server;
    const [version, nodes] = await Promise.all([
      kc.makeApiClient(VersionApi).getCode(),
      kc.makeApiClient(CoreV1Api).listNode(),
    ]);
    return {
      cluster,
      server,
      connected: true,
      version: version.gitVersion,
      nodes: nodes.items.map((node) => ({
        name: node.metadata?.name ?? "",
        ready: node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
      })),
    };
  } catch (error) {
    const message = error instanceof Error && error.message.startsWith("Cannot read") ? error.message : describeKubeError(error).message;
    return { cluster, server, connected: false, nodes: [], error: message };
  }
}
