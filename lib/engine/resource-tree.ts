import { uidOf } from "@/lib/cache";
import type { LiveCluster } from "./context";
import { diffTextOf, maskSecretObject, toYaml, type DiffState } from "@/lib/diff";
import type { FieldChange } from "@/lib/drift";
import type { HealthAssessment } from "@/lib/health";
import { keyOf, subjectOf, trackedAppOf, type KubeObject, type SyncStatus } from "@/lib/types";
import type { AppComparison, LiveResourceDiff } from "./compare-app";
import { liveHealth } from "./live-health";

/** One node of an app's resource tree. */
export interface TreeNode {
  /** The live object's uid, or the subject for a resource that does not exist yet. */
  id: string;
  subject: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  /** Sync status; only the app's own resources have one. */
  sync?: SyncStatus;
  /** How the resource compares with Git; only the app's own resources have one. */
  state?: DiffState;
  health: HealthAssessment;
  children: TreeNode[];
}

/** A Kubernetes Event about one of an app's objects, as the page lists it. */
export interface KubeEventView {
  uid: string;
  /** `Normal` or `Warning`. */
  type: string;
  reason: string;
  message: string;
  /** `Kind/name` of the object concerned. */
  object: string;
  count: number;
  /** When it last happened (ISO). */
  lastSeen: string;
}

/** What clicking a tree node shows. */
export interface ResourceDetail {
  node: Omit<TreeNode, "children">;
  /** The live object as YAML, Secret values masked and managedFields left out; empty when it does not exist. */
  liveYaml: string;
  /** The unified diff against Git (the app's own resources only; empty when in sync). */
  diff: string;
  /** Changed fields and who wrote them, for a drifted resource. */
  changes: FieldChange[];
  driftSince?: string;
  events: KubeEventView[];
}

/** Levels shown below an app's own resources (Deployment → ReplicaSet → Pod is 2). */
const MAX_DEPTH = 4;
/** Most Events listed for an app. */
const MAX_EVENTS = 50;

function refOf(obj: KubeObject) {
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace } };
}

function byKindAndName(a: TreeNode, b: TreeNode): number {
  return a.kind.localeCompare(b.kind) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

function childNodes(cache: LiveCluster, parent: KubeObject, depth: number, seen: Set<string>): TreeNode[] {
  const uid = uidOf(parent);
  if (!uid || depth >= MAX_DEPTH) return [];
  return cache
    .childrenOf(uid)
    .filter((child) => {
      const childUid = uidOf(child) as string;
      if (seen.has(childUid)) return false;
      seen.add(childUid);
      return true;
    })
    .map((child) => liveNode(cache, child, depth + 1, seen))
    .sort(byKindAndName);
}

function liveNode(cache: LiveCluster, obj: KubeObject, depth: number, seen: Set<string>): TreeNode {
  const key = keyOf(obj);
  return {
    id: uidOf(obj) ?? subjectOf(key),
    subject: subjectOf(key),
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: key.namespace,
    name: key.name,
    health: liveHealth(cache, obj),
    children: childNodes(cache, obj, depth, seen),
  };
}

/** The freshest live object of one of the app's resources: the cache's, else the comparison's; none for a refused one (it may be another's). */
function liveOf(cache: LiveCluster, comparison: AppComparison, resource: LiveResourceDiff): KubeObject | undefined {
  if (resource.refusal) return undefined;
  const known = comparison.live.get(resource.subject);
  if (known) return cache.get(refOf(known)) ?? (cache.isWatched(known) ? undefined : known);
  const desired = comparison.desired.find((d) => subjectOf(keyOf(d)) === resource.subject);
  return desired ? cache.get(refOf(desired)) : undefined;
}

/**
 * The app's resource tree: its own resources (with sync status and health) and, below each,
 * the objects their controllers made, by ownerReferences from the watch cache (Deployment →
 * ReplicaSet → Pod, Job → Pod, Service → EndpointSlice), sorted by kind and name.
 */
export function buildResourceTree(cache: LiveCluster, comparison: AppComparison): TreeNode[] {
  const seen = new Set<string>();
  return comparison.resources
    .map((resource) => {
      const live = liveOf(cache, comparison, resource);
      const base = live ? liveNode(cache, live, 0, seen) : undefined;
      return {
        id: base?.id ?? resource.subject,
        subject: resource.subject,
        apiVersion: live?.apiVersion ?? comparison.desired.find((d) => subjectOf(keyOf(d)) === resource.subject)?.apiVersion ?? "",
        kind: resource.key.kind,
        namespace: resource.key.namespace,
        name: resource.key.name,
        sync: resource.status,
        state: resource.state,
        health: base?.health ?? resource.health ?? liveHealth(cache, undefined),
        children: base?.children ?? [],
      };
    })
    .sort(byKindAndName);
}

/** Every node of a tree, depth first. */
export function flattenTree(nodes: readonly TreeNode[]): TreeNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

function eventView(event: KubeObject): KubeEventView {
  const involved = (event.involvedObject ?? {}) as { kind?: string; name?: string };
  const series = event.series as { count?: number; lastObservedTime?: string } | undefined;
  const lastSeen = [event.lastTimestamp, series?.lastObservedTime, event.eventTime, event.metadata.creationTimestamp].find((t) => typeof t === "string" && t !== "");
  return {
    uid: uidOf(event) ?? `${event.metadata.namespace}/${event.metadata.name}`,
    type: String(event.type ?? "Normal"),
    reason: String(event.reason ?? ""),
    message: String(event.message ?? ""),
    object: `${involved.kind ?? "?"}/${involved.name ?? "?"}`,
    count: Number(event.count ?? series?.count ?? 1),
    lastSeen: String(lastSeen ?? ""),
  };
}

/** The Kubernetes Events about the given tree nodes, newest first. */
export async function eventsOfNodes(cache: LiveCluster, nodes: readonly TreeNode[], limit = MAX_EVENTS): Promise<KubeEventView[]> {
  const uidsByNamespace = new Map<string, Set<string>>();
  for (const node of nodes) {
    if (node.id === node.subject) continue;
    const set = uidsByNamespace.get(node.namespace) ?? new Set<string>();
    set.add(node.id);
    uidsByNamespace.set(node.namespace, set);
  }
  const events = (await Promise.all([...uidsByNamespace].map(([namespace, uids]) => cache.eventsFor(namespace, uids)))).flat();
  return events
    .map(eventView)
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen))
    .slice(0, limit);
}

function withoutManagedFields(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  delete copy.metadata.managedFields;
  return copy;
}

/**
 * The manifest a node's detail shows: an object an app tracks as the cache holds it (whole); any
 * other object (a Pod, a ReplicaSet: trimmed in the cache) read afresh from the API server, or
 * the cache's copy when that read fails.
 */
async function liveManifest(cache: LiveCluster, obj: KubeObject): Promise<KubeObject> {
  if (trackedAppOf(obj) !== undefined) return obj;
  const ref = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata.name, ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}) } };
  return (await cache.client.getObject(ref).catch(() => undefined)) ?? obj;
}

/** What one node shows: live YAML (masked), the diff against Git and the node's Events. */
export async function describeNode(cache: LiveCluster, comparison: AppComparison, tree: readonly TreeNode[], id: string): Promise<ResourceDetail | undefined> {
  const node = flattenTree(tree).find((n) => n.id === id || n.subject === id);
  if (!node) return undefined;
  const cached = node.id !== node.subject ? cache.byUid(node.id) : undefined;
  const live = cached ? await liveManifest(cache, cached) : undefined;
  const resource = comparison.resources.find((r) => r.subject === node.subject);
  return {
    node: { id: node.id, subject: node.subject, apiVersion: node.apiVersion, kind: node.kind, namespace: node.namespace, name: node.name, sync: node.sync, state: node.state, health: node.health },
    liveYaml: live ? toYaml(maskSecretObject(withoutManagedFields(live))) : "",
    diff: resource ? diffTextOf(resource) : "",
    changes: resource?.changes ?? [],
    ...(resource?.driftSince ? { driftSince: resource.driftSince } : {}),
    events: await eventsOfNodes(cache, [node]),
  };
}
