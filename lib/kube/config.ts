import { KubeConfig } from "@kubernetes/client-node";

/** The destination name that means "the kubeconfig Lockstep was started with". */
export const LOCAL_CLUSTER = "local";

const cache = new Map<string, KubeConfig>();

/** Path of the kubeconfig Lockstep uses: `LOCKSTEP_KUBECONFIG`, then `KUBECONFIG`, else the default. */
export function kubeconfigPath(): string | undefined {
  return process.env.LOCKSTEP_KUBECONFIG ?? process.env.KUBECONFIG;
}

function loadBase(): KubeConfig {
  const kc = new KubeConfig();
  const file = kubeconfigPath();
  try {
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot read the kubeconfig ${file ?? "(default)"}: ${reason}; set LOCKSTEP_KUBECONFIG to a valid file.`);
  }
  if (!kc.getCurrentCluster()) {
    throw new Error(`The kubeconfig ${file ?? "(default)"} names no current cluster; set LOCKSTEP_KUBECONFIG to a valid file.`);
  }
  return kc;
}

/**
 * The client configuration of a destination cluster: `local` is the kubeconfig's current
 * context; any other name is a context of that kubeconfig. Cached per name.
 */
export function loadKubeConfig(cluster: string = LOCAL_CLUSTER): KubeConfig {
  const cached = cache.get(cluster);
  if (cached) return cached;
  const kc = loadBase();
  if (cluster !== LOCAL_CLUSTER) {
    if (!kc.getContextObject(cluster)) {
      throw new Error(`Cluster "${cluster}" is not a context of the kubeconfig; use "local" or one of: ${kc.getContexts().map((c) => c.name).join(", ")}.`);
    }
    kc.setCurrentContext(cluster);
  }
  cache.set(cluster, kc);
  return kc;
}

/** Forgets cached configurations (after the kubeconfig file changed). */
export function resetKubeConfigCache(): void {
  cache.clear();
}
