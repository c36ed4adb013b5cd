import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TreeNode } from "@/lib/engine/resource-tree";
import type { HealthStatus } from "@/lib/types";
import { graphNodeHref, HEALTH_COLOURS, ResourceGraph } from "./resource-graph";
import { APP_NODE_ID, graphOfTree, kindAbbreviation } from "./resource-graph-model";

function node(kind: string, name: string, health: HealthStatus, children: TreeNode[] = [], own = false): TreeNode {
  return {
    id: `uid-${kind}-${name}`,
    subject: `${kind}/demo/${name}`,
    apiVersion: "v1",
    kind,
    namespace: "demo",
    name,
    health: { status: health, message: health === "Degraded" ? "CrashLoopBackOff" : "" },
    ...(own ? { sync: "Synced" as const, state: "synced" as const } : {}),
    children,
  };
}

const PODS = [node("Pod", "web-7d9-a", "Healthy"), node("Pod", "web-7d9-b", "Degraded")];
const TREE: TreeNode[] = [node("Deployment", "web", "Degraded", [node("ReplicaSet", "web-7d9", "Degraded", PODS)], true), node("Service", "web", "Healthy", [], true)];
const APP = { name: "demo", health: "Degraded" as const, sync: "OutOfSync" as const };

/** The graph's markup (no DOM here: the tests read the HTML string React renders). */
function render(selected?: string, nodes: TreeNode[] = TREE): string {
  return renderToStaticMarkup(<ResourceGraph app={APP} nodes={nodes} selected={selected} />);
}

/** Each box's markup, by `Kind/name`: from its `<g data-testid="graph-node"` to its closing `</g>`. */
function boxes(html: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of html.matchAll(/<g [^>]*data-testid="graph-node"[^>]*data-kind="([^"]*)" data-name="([^"]*)".*?<\/text><\/g>/g)) {
    found.set(`${match[1]}/${match[2]}`, match[0]);
  }
  return found;
}

function attribute(markup: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(markup)?.[1];
}

function textOf(markup: string): string {
  return markup.replace(/<[^>]+>/g, "");
}

describe("graphOfTree", () => {
  it("puts the app first, then the tree depth first, with an edge from each parent to each child", () => {
    const graph = graphOfTree(APP, TREE);
    expect(graph.nodes.map((n) => `${n.kind}/${n.name}`)).toEqual(["Application/demo", "Deployment/web", "ReplicaSet/web-7d9", "Pod/web-7d9-a", "Pod/web-7d9-b", "Service/web"]);
    expect(graph.edges).toEqual([
      { from: APP_NODE_ID, to: "uid-Deployment-web" },
      { from: "uid-Deployment-web", to: "uid-ReplicaSet-web-7d9" },
      { from: "uid-ReplicaSet-web-7d9", to: "uid-Pod-web-7d9-a" },
      { from: "uid-ReplicaSet-web-7d9", to: "uid-Pod-web-7d9-b" },
      { from: APP_NODE_ID, to: "uid-Service-web" },
    ]);
  });

  it("keeps an object reached twice once, with both edges", () => {
    const shared = node("ConfigMap", "shared", "Healthy");
    const graph = graphOfTree(APP, [node("Deployment", "a", "Healthy", [shared]), node("Deployment", "b", "Healthy", [shared])]);
    expect(graph.nodes.filter((n) => n.kind === "ConfigMap")).toHaveLength(1);
    expect(graph.edges.filter((e) => e.to === "uid-ConfigMap-shared")).toHaveLength(2);
  });

  it("gives owned children no sync status and the app's resources theirs", () => {
    const graph = graphOfTree(APP, TREE);
    expect(graph.nodes.find((n) => n.kind === "Pod")?.sync).toBeUndefined();
    expect(graph.nodes.find((n) => n.kind === "Service")?.sync).toBe("Synced");
  });
});

describe("kindAbbreviation", () => {
  it("abbreviates known kinds as kubectl does and cuts others", () => {
    expect(kindAbbreviation("Deployment")).toBe("deploy");
    expect(kindAbbreviation("PersistentVolumeClaim")).toBe("pvc");
    expect(kindAbbreviation("Certificate")).toBe("certif");
  });
});

describe("ResourceGraph", () => {
  it("draws one box per object and one line per ownership", () => {
    const html = render();
    expect([...boxes(html).keys()]).toEqual(["Application/demo", "Deployment/web", "ReplicaSet/web-7d9", "Pod/web-7d9-a", "Pod/web-7d9-b", "Service/web"]);
    const edges = [...html.matchAll(/<path d="([^"]*)"[^>]*data-testid="graph-edge" data-from="([^"]*)" data-to="([^"]*)"/g)];
    expect(edges.map((e) => `${e[2]}>${e[3]}`)).toContain("uid-ReplicaSet-web-7d9>uid-Pod-web-7d9-b");
    expect(edges).toHaveLength(5);
    for (const edge of edges) expect(edge[1]).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
  });

  it("labels each box with its kind, name, health and sync", () => {
    const service = boxes(render()).get("Service/web")!;
    const text = textOf(service);
    for (const label of ["svc", "Service", "web", "Healthy", "Synced"]) expect(text).toContain(label);
    expect(service).toContain('data-testid="graph-node-name">web</text>');
    expect(boxes(render()).get("Pod/web-7d9-b")).toContain("<title>Pod demo/web-7d9-b — Degraded: CrashLoopBackOff</title>");
  });

  it("colours each box by its health", () => {
    const all = boxes(render());
    const colourOf = (key: string) => attribute(/<rect [^>]*data-testid="graph-node-health"[^>]*>/.exec(all.get(key)!)![0], "fill");
    expect(colourOf("Pod/web-7d9-a")).toBe(HEALTH_COLOURS.Healthy);
    expect(colourOf("Pod/web-7d9-b")).toBe(HEALTH_COLOURS.Degraded);
    expect(colourOf("Application/demo")).toBe(HEALTH_COLOURS.Degraded);
    expect(attribute(all.get("Pod/web-7d9-a")!, "data-health")).toBe("Healthy");
    expect(HEALTH_COLOURS.Healthy).not.toBe(HEALTH_COLOURS.Degraded);
  });

  it("links every resource, not the app, to its detail in graph view", () => {
    const links = [...render().matchAll(/<a href="([^"]*)" data-testid="graph-node-link"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
    expect(links).toHaveLength(5);
    expect(links[0]).toBe(graphNodeHref("demo", "uid-Deployment-web"));
    expect(graphNodeHref("demo", "uid-Deployment-web")).toBe("/apps/demo?tab=tree&view=graph&node=uid-Deployment-web");
  });

  it("marks the selected resource", () => {
    const selected = [...boxes(render("uid-Service-web")).entries()].filter(([, markup]) => markup.includes('data-selected="true"'));
    expect(selected.map(([key]) => key)).toEqual(["Service/web"]);
  });

  it("cuts a long name and keeps it whole in the tooltip", () => {
    const long = "a-very-long-deployment-name-indeed";
    const box = boxes(render(undefined, [node("Deployment", long, "Healthy")])).get(`Deployment/${long}`)!;
    expect(box).toContain('data-testid="graph-node-name">a-very-long-deployment-…</text>');
    expect(box).toContain(`<title>Deployment demo/${long} — Healthy</title>`);
  });
});
