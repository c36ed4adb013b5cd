import { HEALTH_SYMBOLS, SYNC_SYMBOLS } from "@/components/ui/health-icon";
import type { TreeNode } from "@/lib/engine/resource-tree";
import type { HealthStatus, SyncStatus } from "@/lib/types";
import { layoutGraph, type PlacedEdge, type PlacedNode } from "./graph-layout";
import { graphOfTree, kindAbbreviation, type GraphApp, type GraphNode } from "./resource-graph-model";

const NODE_WIDTH = 232;
const NODE_HEIGHT = 58;
/** Characters of a name that fit a box; longer names are cut with an ellipsis (the full name is the box's tooltip). */
const NAME_CHARACTERS = 24;

/** The colour of each health status (Tailwind's 600 shades, as the badges use). */
export const HEALTH_COLOURS: Record<HealthStatus, string> = {
  Healthy: "#059669",
  Progressing: "#0284c7",
  Degraded: "#e11d48",
  Suspended: "#7c3aed",
  Missing: "#d97706",
  Unknown: "#64748b",
};

/** The colour of each sync status. */
export const SYNC_COLOURS: Record<SyncStatus, string> = {
  Synced: "#059669",
  OutOfSync: "#d97706",
  Unknown: "#64748b",
};

function shortened(name: string): string {
  return name.length > NAME_CHARACTERS ? `${name.slice(0, NAME_CHARACTERS - 1)}…` : name;
}

function tooltipOf(node: GraphNode): string {
  const where = node.namespace ? `${node.namespace}/${node.name}` : node.name;
  const health = node.healthMessage ? `${node.health}: ${node.healthMessage}` : node.health;
  return `${node.kind} ${where} — ${health}${node.sync ? `, ${node.sync}` : ""}`;
}

function NodeBox({ node, box, selected }: { node: GraphNode; box: PlacedNode; selected: boolean }) {
  const health = HEALTH_COLOURS[node.health];
  return (
    <g
      transform={`translate(${box.x} ${box.y})`}
      data-testid="graph-node"
      data-node-id={node.id}
      data-kind={node.kind}
      data-name={node.name}
      data-health={node.health}
      data-sync={node.sync ?? ""}
      data-selected={selected ? "true" : undefined}
    >
      <title>{tooltipOf(node)}</title>
      <rect width={box.width} height={box.height} rx={6} fill={node.isApp ? "#eef2ff" : "#ffffff"} stroke={selected ? "#4f46e5" : "#cbd5e1"} strokeWidth={selected ? 2 : 1} />
      <rect width={5} height={box.height} rx={2} fill={health} data-testid="graph-node-health" />
      <circle cx={29} cy={box.height / 2} r={16} fill="#f1f5f9" stroke={health} strokeWidth={1.5} />
      <text x={29} y={box.height / 2 + 3.5} textAnchor="middle" fontSize={9} fontWeight={600} fill="#334155">
        {kindAbbreviation(node.kind)}
      </text>
      <text x={54} y={17} fontSize={10} fill="#64748b">
        {node.kind}
      </text>
      <text x={54} y={33} fontSize={12} fontFamily="ui-monospace, monospace" fill="#0f172a" data-testid="graph-node-name">
        {shortened(node.name)}
      </text>
      <text x={54} y={49} fontSize={10}>
        <tspan fill={health}>
          {HEALTH_SYMBOLS[node.health]} {node.health}
        </tspan>
        {node.sync && (
          <tspan fill={SYNC_COLOURS[node.sync]} dx={8}>
            {SYNC_SYMBOLS[node.sync]} {node.sync}
          </tspan>
        )}
      </text>
    </g>
  );
}

function EdgeLine({ edge }: { edge: PlacedEdge }) {
  const [first, ...rest] = edge.points;
  if (!first) return null;
  const d = `M${first.x},${first.y}${rest.map((p) => ` L${p.x},${p.y}`).join("")}`;
  return <path d={d} fill="none" stroke="#94a3b8" strokeWidth={1.25} markerEnd="url(#graph-arrow)" data-testid="graph-edge" data-from={edge.from} data-to={edge.to} />;
}

/** Where a click on a node leads: the app page's tree tab in graph view, showing that node's detail. */
export function graphNodeHref(appName: string, nodeId: string): string {
  return `/apps/${encodeURIComponent(appName)}?${new URLSearchParams({ tab: "tree", view: "graph", node: nodeId })}`;
}

/**
 * The app's resources as a left-to-right graph (as Argo CD users know it): the app, its
 * resources, and the objects they own, each box coloured by health and labelled with kind, name,
 * health and sync. Drawn as SVG on the server; each resource links to its detail, like the
 * tree's items. Wide graphs scroll inside their container.
 */
export function ResourceGraph({ app, nodes, selected }: { app: GraphApp; nodes: readonly TreeNode[]; selected?: string }) {
  const graph = graphOfTree(app, nodes);
  const layout = layoutGraph(
    graph.nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    graph.edges,
  );
  const nodeById = new Map(graph.nodes.map((node) => [node.id, node]));
  return (
    <svg
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label={`Resource graph of ${app.name}: ${graph.nodes.length - 1} resources`}
      data-testid="resource-graph"
      fontFamily="ui-sans-serif, system-ui, sans-serif"
    >
      <defs>
        <marker id="graph-arrow" viewBox="0 0 8 8" refX={8} refY={4} markerWidth={7} markerHeight={7} orient="auto">
          <path d="M0,0 L8,4 L0,8 z" fill="#94a3b8" />
        </marker>
      </defs>
      {layout.edges.map((edge) => (
        <EdgeLine key={`${edge.from}>${edge.to}`} edge={edge} />
      ))}
      {layout.nodes.map((box) => {
        const node = nodeById.get(box.id)!;
        const content = <NodeBox node={node} box={box} selected={selected === node.id} />;
        return node.isApp ? (
          <g key={box.id}>{content}</g>
        ) : (
          <a key={box.id} href={graphNodeHref(app.name, node.id)} data-testid="graph-node-link" aria-label={`${node.kind} ${node.name}`}>
            {content}
          </a>
        );
      })}
    </svg>
  );
}
