/**
 * Sharding from the environment: `LOCKSTEP_SHARDS=<n>` turns it on — this replica then holds
 * Leases of `n` shards with the other replicas of the same database — in the namespace
 * `LOCKSTEP_NAMESPACE` (default `lockstep`) of the control-plane cluster (the kubeconfig's
 * current context, or the pod's own cluster), each renewal lasting `LOCKSTEP_LEASE_SECONDS`
 * (default 15). Unset, one process runs every app and no Lease is written.
 */
import { KubeConfigs, kubeconfigPathFromEnv } from "@/lib/kube/config";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { ShardKeeper } from "./keeper";

type Env = Readonly<Record<string, string | undefined>>;

function wholeNumber(env: Env, name: string, fallback: number | undefined, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max} (got "${raw}").`);
  return value;
}

/** The shard keeper the environment asks for, or undefined when sharding is off. @throws Error for a bad value, in one sentence. */
export function shardKeeperFromEnv(env: Env, identity: string, log?: { error(message: string): void }): ShardKeeper | undefined {
  const shardCount = wholeNumber(env, "LOCKSTEP_SHARDS", undefined, 1024);
  if (shardCount === undefined) return undefined;
  const seconds = wholeNumber(env, "LOCKSTEP_LEASE_SECONDS", 15, 3600) ?? 15;
  const namespace = env.LOCKSTEP_NAMESPACE?.trim() || "lockstep";
  const client = KubeObjectClient.forConfig(new KubeConfigs(kubeconfigPathFromEnv(env)).load());
  return new ShardKeeper({ client, namespace, identity, shardCount, durationMs: seconds * 1000, ...(log ? { log } : {}) });
}
