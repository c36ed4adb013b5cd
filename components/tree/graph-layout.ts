/**
 * Lays out a directed graph left to right with dagre (`@dagrejs/dagre`, the layered layout Argo
 * CD's resource tree uses): parents to the left of their children, each rank a column. Pure:
 * nodes and edges in, positions out; the answer keeps the input's order, so one input always
 * draws the same picture.
 */
import dagre from "@dagrejs/dagre";

/** A node to place, with the box it needs. */
export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

/** A directed edge between two nodes' ids. */
export interface LayoutEdge {
  from: string;
  to: string;
}

/** A placed node: its box's top-left corner. */
export interface PlacedNode extends LayoutNode {
  x: number;
  y: number;
}

/** A placed edge: the points of its line, from the source's right side to the target's left. */
export interface PlacedEdge extends LayoutEdge {
  points: { x: number; y: number }[];
}

/** The whole picture: placed nodes and edges, and the size that holds them with the margin. */
export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

/** Spacing of the layout, in pixels. */
export interface GraphSpacing {
  /** Between columns (ranks). @default 64 */
  rankSeparation?: number;
  /** Between nodes of one column. @default 14 */
  nodeSeparation?: number;
  /** Around the picture. @default 12 */
  margin?: number;
}

function spacingOf(options: GraphSpacing): Required<GraphSpacing> {
  return { rankSeparation: options.rankSeparation ?? 64, nodeSeparation: options.nodeSeparation ?? 14, margin: options.margin ?? 12 };
}

/**
 * Places `nodes` and `edges` in columns from left to right. A node id given twice keeps its first
 * box; edges to unknown nodes, from a node to itself, and repeated edges are left out.
 */
export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], options: GraphSpacing = {}): GraphLayout {
  const spacing = spacingOf(options);
  const byId = new Map<string, LayoutNode>();
  for (const node of nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const unique = [...byId.values()];
  const known = new Set(byId.keys());
  const seen = new Set<string>();
  const kept = edges.filter((edge) => {
    const key = JSON.stringify([edge.from, edge.to]);
    if (edge.from === edge.to || !known.has(edge.from) || !known.has(edge.to) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return { nodes: [], edges: [], width: 0, height: 0 };

  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", ranksep: spacing.rankSeparation, nodesep: spacing.nodeSeparation, marginx: spacing.margin, marginy: spacing.margin });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of unique) graph.setNode(node.id, { width: node.width, height: node.height });
  for (const edge of kept) graph.setEdge(edge.from, edge.to);
  dagre.layout(graph);

  const label = graph.graph();
  return {
    nodes: unique.map((node) => {
      const placed = graph.node(node.id);
      return { ...node, x: (placed.x ?? 0) - node.width / 2, y: (placed.y ?? 0) - node.height / 2 };
    }),
    edges: kept.map((edge) => ({ ...edge, points: (graph.edge(edge.from, edge.to)?.points ?? []).map(({ x, y }: { x: number; y: number }) => ({ x, y })) })),
    width: Math.ceil(label.width ?? 0),
    height: Math.ceil(label.height ?? 0),
  };
}
