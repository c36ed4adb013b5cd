import { KubeConfig } from "@kubernetes/client-node";

/** The destination name that means "the kubeconfig Lockstep was started with". */
export const LOCAL_CLUSTER = "local";

/** Path of the kubeconfig Lockstep uses from the environment: `LOCKSTEP_KUBECONFIG`, then `KUBECONFIG`, else the default. */
export function kubeconfigPathFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  return env.LOCKSTEP_KUBECONFIG ?? env.KUBECONFIG;
}

function loadBase(file: string | undefined): KubeConfig {
  const kc = new KubeConfig();
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
 * The client configurations of destination clusters from one kubeconfig file: `local` is the
 * file's current context; any other name is a context of that file. Each is read once.
 */
export class KubeConfigs {
  private readonly loaded = new Map<string, KubeConfig>();

  /** @param file the kubeconfig file; the client library's default when undefined. */
  constructor(readonly file: string | undefined) {}

  /** The configuration of a destination. @throws Error naming the contexts there are, for an unknown name. */
  load(cluster: string = LOCAL_CLUSTER): KubeConfig {
    const cached = this.loaded.get(cluster);
    if (cached) return cached;
    const kc = loadBase(this.file);
    if (cluster !== LOCAL_CLUSTER) {
      if (!kc.getContextObject(cluster)) {
        throw new Error(`Cluster "${cluster}" is not a context of the kubeconfig; use "local" or one of: ${kc.getContexts().map((c) => c.name).join(", ")}.`);
      }
      kc.setCurrentContext(cluster);
    }
    this.loaded.set(cluster, kc);
    return kc;
  }

  /** Forgets what was read (after the kubeconfig file changed). */
  reset(): void {
    this.loaded.clear();
  }
}
