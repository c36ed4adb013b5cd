import { KubeConfig } from "@kubernetes/client-node";
import { LOCAL_CLUSTER } from "./local-cluster";

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
 * The configurations of clusters registered through the API (lib/clusters), built in memory from
 * their stored records and looked up before the kubeconfig's contexts.
 */
export interface RegisteredConfigs {
  /**
   * The configuration of a registered cluster; undefined when no cluster has that name.
   * @throws Error with a one-sentence reason when it is registered but cannot be used (its secret cannot be decrypted).
   */
  lookup(name: string): KubeConfig | undefined;
}

/**
 * The client configurations of destination clusters: `local` is the kubeconfig file's current
 * context; any other name is a registered cluster or else a context of that file (read once).
 */
export class KubeConfigs {
  private readonly loaded = new Map<string, KubeConfig>();

  /**
   * @param file the kubeconfig file; the client library's default when undefined.
   * @param registered the registered clusters, whose names win over the file's contexts.
   */
  constructor(
    readonly file: string | undefined,
    private readonly registered?: RegisteredConfigs,
  ) {}

  /** The configuration of a destination. @throws Error naming the contexts there are, for an unknown name. */
  load(cluster: string = LOCAL_CLUSTER): KubeConfig {
    const registered = cluster === LOCAL_CLUSTER ? undefined : this.registered?.lookup(cluster);
    if (registered) return registered;
    const cached = this.loaded.get(cluster);
    if (cached) return cached;
    const kc = loadBase(this.file);
    if (cluster !== LOCAL_CLUSTER) {
      if (!kc.getContextObject(cluster)) {
        throw new Error(
          `Cluster "${cluster}" is neither registered nor a context of the kubeconfig; use "local", a registered cluster or one of: ${kc
            .getContexts()
            .map((c) => c.name)
            .join(", ")}.`,
        );
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
