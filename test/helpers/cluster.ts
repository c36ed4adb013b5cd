/**
 * The Kubernetes cluster the integration and e2e tests run against: the local
 * cluster (`tools/localcluster`), or the one `LOCKSTEP_TEST_KUBECONFIG` names.
 */
import { KubeConfig, VersionApi } from "@kubernetes/client-node";
import { inject } from "vitest";

import { LocalClusterError } from "@/tools/localcluster";

/** The kubeconfig path the global setup provided. Only callable inside tests and hooks. */
export function testKubeconfigPath(): string {
  return inject("kubeconfig");
}

/** A KubeConfig for the test cluster, with admin rights. */
export function loadTestKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(testKubeconfigPath());
  return kc;
}

/** The innermost cause of a failed request, e.g. `connect ECONNREFUSED 127.0.0.1:9` rather than `fetch failed`. */
function rootCause(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/**
 * Checks that a kubeconfig can be loaded and its cluster answers `/version`.
 *
 * @param source where the path came from, named in the message, e.g. "LOCKSTEP_TEST_KUBECONFIG".
 * @throws LocalClusterError with one sentence naming the server and the fix.
 */
export async function assertKubeconfigReachable(path: string, source: string): Promise<void> {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (error) {
    throw new LocalClusterError(
      `The kubeconfig ${path} (from ${source}) could not be read: ${rootCause(error)}; fix the path or unset ${source}.`,
    );
  }
  const server = kc.getCurrentCluster()?.server ?? "(no current cluster)";
  try {
    await kc.makeApiClient(VersionApi).getCode();
  } catch (error) {
    throw new LocalClusterError(
      `The kubeconfig ${path} (from ${source}) points to ${server}, which is not reachable (${rootCause(error)}); start that cluster or unset ${source} to use the local cluster.`,
    );
  }
}
