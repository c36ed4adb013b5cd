/**
 * The resource tree as a graph (as Argo CD draws an app): the app on the left, an edge to each
 * of its resources, and from each resource to the objects it owns. Pure; the drawing is
 * resource-graph.tsx's.
 */
import type { TreeNode } from "@/lib/engine/resource-tree";
import type { HealthStatus, SyncStatus } from "@/lib/types";
import type { LayoutEdge } from "./graph-layout";

/** One box of the graph: the app or a resource. */
export interface GraphNode {
  id: string;
  kind: string;
  name: string;
  namespace: string;
  health: HealthStatus;
  healthMessage?: string;
  /** The app's, or an app resource's; owned children have none. */
  sync?: SyncStatus;
  /** The app itself (no detail to open). */
  isApp: boolean;
}

/** What the graph shows of the app itself. */
export interface GraphApp {
  name: string;
  health: HealthStatus;
  sync: SyncStatus;
}

/** The id of the app's own node; tree ids are uids or subjects, which never start with a colon. */
export const APP_NODE_ID = ":app";

/** Short kind names, as kubectl's and Argo CD's icons print them; other kinds show their own name. */
const KIND_ABBREVIATIONS: Record<string, string> = {
  Application: "app",
  ConfigMap: "cm",
  CronJob: "cj",
  CustomResourceDefinition: "crd",
  DaemonSet: "ds",
  Deployment: "deploy",
  Endpoints: "ep",
  EndpointSlice: "eps",
  HorizontalPodAutoscaler: "hpa",
  Ingress: "ing",
  Job: "job",
  Namespace: "ns",
  NetworkPolicy: "netpol",
  PersistentVolumeClaim: "pvc",
  Pod: "pod",
  ReplicaSet: "rs",
  Role: "role",
  RoleBinding: "rb",
  Secret: "secret",
  Service: "svc",
  ServiceAccount: "sa",
  StatefulSet: "sts",
};

/** The short label of a kind for its icon: a known abbreviation, else the kind's first letters. */
export function kindAbbreviation(kind: string): string {
  return KIND_ABBREVIATIONS[kind] ?? kind.slice(0, 6).toLowerCase();
}

/**
 * The nodes (app first, then the tree depth first, each object once) and edges (app → resource
 * → owned child) of an app's resource tree.
 */
export function graphOfTree(app: GraphApp, tree: readonly TreeNode[]): { nodes: GraphNode[]; edges: LayoutEdge[] } {
  const nodes: GraphNode[] = [{ id: APP_NODE_ID, kind: "Application", name: app.name, namespace: "", health: app.health, sync: app.sync, isApp: true }];
  const edges: LayoutEdge[] = [];
  const seen = new Set<string>([APP_NODE_ID]);
  const visit = (node: TreeNode, parent: string) => {
    edges.push({ from: parent, to: node.id });
    if (seen.has(node.id)) return;
    seen.add(node.id);
    nodes.push({
      id: node.id,
      kind: node.kind,
      name: node.name,
      namespace: node.namespace,
      health: node.health.status,
      ...(node.health.message ? { healthMessage: node.health.message } : {}),
      ...(node.sync ? { sync: node.sync } : {}),
      isApp: false,
    });
    for (const child of node.children) visit(child, node.id);
  };
  for (const node of tree) visit(node, APP_NODE_ID);
  return { nodes, edges };
}
