import { apiRequest, type ApiConnection } from "./api";
import { LocalClusterError } from "./errors";

/** The name of the one fake node kwok manages. */
export const fakeNodeName = "kwok-node-0";

/**
 * Creates the fake Node object. kwok only manages existing nodes (as `kwokctl
 * scale node` creates them first); the annotation marks it as kwok's. It has
 * no taints, so ordinary Deployments schedule onto it.
 */
export async function registerFakeNode(connection: ApiConnection, name: string): Promise<void> {
  const node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: {
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        type: "kwok",
      },
      annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
    },
  };
  const response = await apiRequest(connection, "POST", "/api/v1/nodes", { body: node });
  if (response.status !== 201 && response.status !== 409) {
    throw new LocalClusterError(`Creating the fake node ${name} failed with HTTP ${response.status}: ${response.body}`);
  }
}
