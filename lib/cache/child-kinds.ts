import { kindKeyOf, type KindKey, type KindRef } from "@/lib/types";

const REPLICA_SET: KindRef = { apiVersion: "apps/v1", kind: "ReplicaSet" };
const POD: KindRef = { apiVersion: "v1", kind: "Pod" };
const JOB: KindRef = { apiVersion: "batch/v1", kind: "Job" };
const ENDPOINT_SLICE: KindRef = { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice" };

/** The kinds controllers create for a kind, by ownerReferences — what the resource tree shows below it. */
const CHILDREN: Record<string, KindRef[]> = {
  Deployment: [REPLICA_SET],
  ReplicaSet: [POD],
  StatefulSet: [POD],
  DaemonSet: [POD],
  Job: [POD],
  CronJob: [JOB],
  Service: [ENDPOINT_SLICE],
};

/** The Kubernetes Event kind, watched per namespace. */
export const EVENT_KIND: KindRef = { apiVersion: "v1", kind: "Event" };

/**
 * The kinds to watch for a set of owned kinds: the kinds themselves and, transitively, the
 * children their controllers create (Deployment → ReplicaSet → Pod), without duplicates.
 */
export function withChildKinds(kinds: readonly KindRef[]): KindRef[] {
  const found = new Map<KindKey, KindRef>();
  const queue = [...kinds];
  while (queue.length > 0) {
    const ref = queue.shift() as KindRef;
    const key = kindKeyOf(ref);
    if (found.has(key)) continue;
    found.set(key, ref);
    queue.push(...(CHILDREN[ref.kind] ?? []));
  }
  return [...found.values()];
}
