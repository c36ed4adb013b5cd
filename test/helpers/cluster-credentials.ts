/**
 * What a test registers a second cluster with: its server and CA from the cluster's kubeconfig,
 * and the bearer token of a ServiceAccount the test creates there and binds to cluster-admin
 * (a TokenRequest, valid for an hour).
 */
import { randomBytes } from "node:crypto";
import { AuthenticationV1TokenRequest, CoreV1Api, RbacAuthorizationV1Api, type KubeConfig } from "@kubernetes/client-node";

/** The fields of `POST /api/clusters` for a cluster, with a bearer token. */
export interface ClusterRegistration {
  server: string;
  caData: string;
  token: string;
}

/** The server and CA of a kubeconfig's current cluster, as PEM. */
export function serverAndCaOf(kc: KubeConfig): { server: string; caData: string } {
  const cluster = kc.getCurrentCluster();
  if (!cluster?.caData) throw new Error("The kubeconfig's cluster has no certificate-authority-data.");
  return { server: cluster.server, caData: Buffer.from(cluster.caData, "base64").toString("utf8") };
}

/** Creates a ServiceAccount bound to cluster-admin in `kube-system` and answers a token of it with the cluster's server and CA. */
export async function createAdminServiceAccount(kc: KubeConfig): Promise<ClusterRegistration> {
  const name = `lockstep-${randomBytes(3).toString("hex")}`;
  const namespace = "kube-system";
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  await kc.makeApiClient(RbacAuthorizationV1Api).createClusterRoleBinding({
    body: {
      metadata: { name },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "ServiceAccount", name, namespace }],
    },
  });
  const request = new AuthenticationV1TokenRequest();
  request.spec = { audiences: [], expirationSeconds: 3600 };
  const answer = await core.createNamespacedServiceAccountToken({ name, namespace, body: request });
  const token = answer.status?.token;
  if (!token) throw new Error(`The API server issued no token for ServiceAccount ${namespace}/${name}.`);
  return { ...serverAndCaOf(kc), token };
}
