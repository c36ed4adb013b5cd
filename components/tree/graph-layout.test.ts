import { describe, expect, it } from "vitest";
import { layoutGraph, type LayoutEdge, type LayoutNode } from "./graph-layout";

const box = (id: string): LayoutNode => ({ id, width: 100, height: 40 });
const edge = (from: string, to: string): LayoutEdge => ({ from, to });

/** app → deployment → replicaset → two pods, and app → service. */
const NODES = ["app", "deploy", "rs", "pod-a", "pod-b", "svc"].map(box);
const EDGES = [edge("app", "deploy"), edge("deploy", "rs"), edge("rs", "pod-a"), edge("rs", "pod-b"), edge("app", "svc")];

function placed(id: string, nodes = layoutGraph(NODES, EDGES).nodes) {
  const node = nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

describe("layoutGraph", () => {
  it("places each generation in a column to the right of its parent", () => {
    const { nodes } = layoutGraph(NODES, EDGES);
    expect(placed("deploy", nodes).x).toBeGreaterThan(placed("app", nodes).x + 100);
    expect(placed("rs", nodes).x).toBeGreaterThan(placed("deploy", nodes).x + 100);
    expect(placed("pod-a", nodes).x).toBe(placed("pod-b", nodes).x);
    expect(placed("svc", nodes).x).toBe(placed("deploy", nodes).x);
  });

  it("stacks siblings of one column without overlap", () => {
    const { nodes } = layoutGraph(NODES, EDGES);
    expect(Math.abs(placed("pod-a", nodes).y - placed("pod-b", nodes).y)).toBeGreaterThanOrEqual(40);
  });

  it("answers the nodes and edges in the order given, whatever order dagre works in", () => {
    const layout = layoutGraph(NODES, EDGES);
    expect(layout.nodes.map((n) => n.id)).toEqual(["app", "deploy", "rs", "pod-a", "pod-b", "svc"]);
    expect(layout.edges.map((e) => `${e.from}>${e.to}`)).toEqual(["app>deploy", "deploy>rs", "rs>pod-a", "rs>pod-b", "app>svc"]);
  });

  it("draws the same picture for the same input", () => {
    expect(layoutGraph(NODES, EDGES)).toEqual(layoutGraph(NODES, EDGES));
  });

  it("gives every edge a line from its source's right side to its target's left side", () => {
    const layout = layoutGraph(NODES, EDGES);
    for (const e of layout.edges) {
      const first = e.points[0]!;
      const last = e.points.at(-1)!;
      expect(first.x).toBeCloseTo(placed(e.from, layout.nodes).x + 100, 0);
      expect(last.x).toBeCloseTo(placed(e.to, layout.nodes).x, 0);
    }
  });

  it("sizes the picture to hold every node within the margin", () => {
    const layout = layoutGraph(NODES, EDGES, { margin: 10 });
    for (const node of layout.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(10);
      expect(node.y).toBeGreaterThanOrEqual(10);
      expect(node.x + node.width).toBeLessThanOrEqual(layout.width - 10 + 0.5);
      expect(node.y + node.height).toBeLessThanOrEqual(layout.height - 10 + 0.5);
    }
  });

  it("keeps the first box of a repeated node and leaves out self, dangling and repeated edges", () => {
    const layout = layoutGraph([box("a"), box("b"), { id: "a", width: 300, height: 300 }], [edge("a", "b"), edge("a", "b"), edge("a", "a"), edge("a", "gone")]);
    expect(layout.nodes.map((n) => [n.id, n.width])).toEqual([
      ["a", 100],
      ["b", 100],
    ]);
    expect(layout.edges.map((e) => `${e.from}>${e.to}`)).toEqual(["a>b"]);
  });

  it("answers an empty picture for no nodes", () => {
    expect(layoutGraph([], [edge("a", "b")])).toEqual({ nodes: [], edges: [], width: 0, height: 0 });
  });
});
