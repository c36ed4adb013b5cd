/**
 * The demo's second destination: an extra local control plane (`cluster:up -- --name second`)
 * registered in Lockstep as cluster `second`, with the client certificate of its kubeconfig —
 * so the example is deployed to two clusters, as a team deploys to staging and production.
 */
import { KubeConfig } from "@kubernetes/client-node";

/** The name the demo registers its second cluster under. */
export const SECOND_CLUSTER = "second";

/** The body of `POST /api/clusters` for the cluster a kubeconfig file's current context reaches. */
function registrationOf(kubeconfigPath: string): Record<string, string> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!cluster?.caData || !user?.certData || !user.keyData) throw new Error(`The kubeconfig ${kubeconfigPath} has no embedded CA, client certificate and key.`);
  const pem = (base64: string) => Buffer.from(base64, "base64").toString("utf8");
  return { server: cluster.server, caData: pem(cluster.caData), clientCertificate: pem(user.certData), clientKey: pem(user.keyData) };
}

/**
 * Registers (or, on later runs, updates: the cluster's port and CA change with each start) the
 * second cluster in the Lockstep at `baseUrl`.
 */
export async function registerSecondCluster(baseUrl: string, headers: Record<string, string>, kubeconfigPath: string): Promise<void> {
  const registration = registrationOf(kubeconfigPath);
  let response = await fetch(`${baseUrl}/api/clusters`, { method: "POST", headers, body: JSON.stringify({ name: SECOND_CLUSTER, ...registration }) });
  if (response.status === 409) {
    response = await fetch(`${baseUrl}/api/clusters/${SECOND_CLUSTER}`, { method: "PATCH", headers, body: JSON.stringify(registration) });
  }
  if (!response.ok) throw new Error(`Registering the demo's second cluster failed: ${((await response.json()) as { error?: string }).error}`);
  console.log(`cluster "${SECOND_CLUSTER}" registered: ${baseUrl}/clusters`);
}
