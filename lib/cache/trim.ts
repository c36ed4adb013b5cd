import { trackedAppOf, type KubeObject } from "@/lib/types";

/** The fields of an Event that the engine reads (its pages' Events list and live notices). */
const EVENT_FIELDS = ["reason", "type", "message", "count", "lastTimestamp", "eventTime", "series"] as const;
/** An Event's message is cut to this many characters in the cache. */
const EVENT_MESSAGE_LIMIT = 1024;

type Trimmer = (obj: KubeObject) => KubeObject;

/** Metadata as the cache keeps it for objects no app tracks: no managed fields. */
function leanMetadata(obj: KubeObject): KubeObject["metadata"] {
  const metadata = { ...obj.metadata };
  delete metadata.managedFields;
  return metadata;
}

/** A Pod keeps what its health and the tree read: the restart policy, containers' names and images, node, and its status. */
const trimPod: Trimmer = (pod) => {
  const spec = (pod.spec ?? {}) as { restartPolicy?: unknown; nodeName?: unknown; containers?: { name?: unknown; image?: unknown }[]; initContainers?: { name?: unknown; image?: unknown }[] };
  const containers = (list: { name?: unknown; image?: unknown }[] | undefined) => list?.map(({ name, image }) => ({ name, image }));
  return {
    apiVersion: pod.apiVersion,
    kind: pod.kind,
    metadata: leanMetadata(pod),
    spec: { restartPolicy: spec.restartPolicy, nodeName: spec.nodeName, containers: containers(spec.containers), ...(spec.initContainers ? { initContainers: containers(spec.initContainers) } : {}) },
    status: pod.status,
  };
};

/** A ReplicaSet keeps its spec without the Pod template (a copy of its Deployment's): health reads replicas and status. */
const trimReplicaSet: Trimmer = (rs) => {
  const spec = { ...(rs.spec as Record<string, unknown> | undefined) };
  delete spec.template;
  return { ...rs, metadata: leanMetadata(rs), spec };
};

/** An Event keeps who it is about and what it says; its source and reporting fields are dropped. */
const trimEvent: Trimmer = (event) => {
  const involved = (event.involvedObject ?? {}) as { uid?: unknown; kind?: unknown; name?: unknown; namespace?: unknown };
  const kept: KubeObject = {
    apiVersion: event.apiVersion,
    kind: event.kind,
    metadata: { name: event.metadata.name, namespace: event.metadata.namespace, uid: event.metadata.uid, resourceVersion: event.metadata.resourceVersion, creationTimestamp: event.metadata.creationTimestamp },
    involvedObject: { uid: involved.uid, kind: involved.kind, name: involved.name, namespace: involved.namespace },
  };
  for (const field of EVENT_FIELDS) if (event[field] !== undefined) kept[field] = event[field];
  if (typeof kept.message === "string" && kept.message.length > EVENT_MESSAGE_LIMIT) kept.message = kept.message.slice(0, EVENT_MESSAGE_LIMIT);
  return kept;
};

/** An EndpointSlice keeps its metadata: the tree shows it under its Service, and nothing reads its endpoints. */
const trimEndpointSlice: Trimmer = (slice) => ({ apiVersion: slice.apiVersion, kind: slice.kind, metadata: leanMetadata(slice) });

const TRIMMERS: Record<string, Trimmer> = { Pod: trimPod, ReplicaSet: trimReplicaSet, Event: trimEvent, EndpointSlice: trimEndpointSlice };

/**
 * The object as the cache keeps it. Objects an app tracks (their tracking annotation names them,
 * not one a controller copied from their owner) are kept whole: they are compared with
 * Git, and their `managedFields` tell who changed them. The rest — Pods, ReplicaSets,
 * EndpointSlices, Events, which at thousands of apps are most of the cache — lose their
 * `managedFields` (often a third of an object), and the bulkiest kinds keep only what health,
 * the resource tree and the Events list read (a Pod its status, restart policy and containers'
 * images; a ReplicaSet all but its Pod template; an EndpointSlice its metadata; an Event its
 * reason, message, counts and involved object). Pages that show such an object's manifest read it from the API server.
 * Returns the object itself when there is nothing to drop.
 */
export function trimForCache(obj: KubeObject): KubeObject {
  if (trackedAppOf(obj) !== undefined) return obj;
  const trim = TRIMMERS[obj.kind];
  if (trim) return trim(obj);
  if (obj.metadata.managedFields === undefined) return obj;
  return { ...obj, metadata: leanMetadata(obj) };
}
