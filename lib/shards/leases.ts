/**
 * Shard and replica Leases (coordination.k8s.io/v1) in the control-plane cluster's Lockstep
 * namespace, read and written with optimistic concurrency: a write carries the resourceVersion
 * it read, so two replicas racing for one Lease cannot both win.
 */
import type { KubeObjectClient } from "@/lib/kube/object-client";
import type { KubeObject } from "@/lib/types";
import type { LeaseState } from "./balance";

/** The label that tells shard Leases from replica Leases. */
export const LEASE_ROLE_LABEL = "lockstep.dev/lease";

/** A Lease as read: its state, its shard (shard Leases), and the object to write back. */
export interface StoredLease extends LeaseState {
  name: string;
  role: "shard" | "replica";
  shard?: number;
  object: KubeObject;
}

/** What the Lease store needs of an API client. */
export type LeaseClient = Pick<KubeObjectClient, "listObjects" | "replaceObject" | "createObject">;

/** The Lease name of a shard. */
export function shardLeaseName(shard: number): string {
  return `lockstep-shard-${shard}`;
}

/** The Lease name of a replica: its identity made a DNS name. */
export function replicaLeaseName(identity: string): string {
  return `lockstep-replica-${identity.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "")}`.slice(0, 63).replace(/-+$/, "");
}

/** A Kubernetes MicroTime: RFC 3339 with six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

function readLease(obj: KubeObject): StoredLease | undefined {
  const role = obj.metadata.labels?.[LEASE_ROLE_LABEL];
  if (role !== "shard" && role !== "replica") return undefined;
  const spec = (obj.spec ?? {}) as { holderIdentity?: string; renewTime?: string; leaseDurationSeconds?: number };
  const shard = role === "shard" ? Number(obj.metadata.labels?.["lockstep.dev/shard"]) : undefined;
  return {
    name: obj.metadata.name,
    role,
    ...(shard !== undefined && Number.isInteger(shard) ? { shard } : {}),
    holder: spec.holderIdentity ?? "",
    renewedAt: spec.renewTime ? Date.parse(spec.renewTime) : 0,
    durationMs: (spec.leaseDurationSeconds ?? 0) * 1000,
    object: obj,
  };
}

/** Every Lockstep Lease in `namespace`. */
export async function listLeases(client: LeaseClient, namespace: string): Promise<StoredLease[]> {
  const objects = await client.listObjects("coordination.k8s.io/v1", "Lease", { namespace, labelSelector: LEASE_ROLE_LABEL });
  return objects.flatMap((obj) => readLease(obj) ?? []);
}

/** What to write into a Lease. */
export interface LeaseWrite {
  name: string;
  namespace: string;
  role: "shard" | "replica";
  shard?: number;
  holder: string;
  durationMs: number;
  now: number;
  /** The Lease as read (its resourceVersion and transitions); absent to create it. */
  previous?: StoredLease;
}

/**
 * Writes a Lease: creates it when it was not read, else renews, takes or releases it with the
 * resourceVersion read. Fails with a 409 when someone else wrote it since (or created it first).
 */
export async function writeLease(client: LeaseClient, write: LeaseWrite): Promise<StoredLease> {
  const previousSpec = (write.previous?.object.spec ?? {}) as { holderIdentity?: string; acquireTime?: string; leaseTransitions?: number };
  const changesHolder = (previousSpec.holderIdentity ?? "") !== write.holder;
  const labels = { [LEASE_ROLE_LABEL]: write.role, ...(write.shard !== undefined ? { "lockstep.dev/shard": String(write.shard) } : {}) };
  const obj: KubeObject = {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name: write.name,
      namespace: write.namespace,
      labels,
      ...(write.previous?.object.metadata.resourceVersion ? { resourceVersion: write.previous.object.metadata.resourceVersion } : {}),
    },
    spec: {
      holderIdentity: write.holder,
      leaseDurationSeconds: Math.round(write.durationMs / 1000),
      acquireTime: changesHolder || !previousSpec.acquireTime ? microTime(write.now) : previousSpec.acquireTime,
      renewTime: microTime(write.now),
      leaseTransitions: (previousSpec.leaseTransitions ?? 0) + (changesHolder && write.previous ? 1 : 0),
    },
  };
  const written = write.previous ? await client.replaceObject(obj) : await client.createObject(obj);
  const stored = readLease(written);
  if (!stored) throw new Error(`Lease ${write.name} was written without its role label.`);
  return stored;
}
