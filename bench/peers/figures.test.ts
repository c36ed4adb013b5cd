import { describe, expect, it } from "vitest";
import { measured, type FigureSpec } from "../lib/figures";
import { parseBenchOptions } from "../lib/options";
import { addPeerResults, cpuFigure, peerFigureIds } from "./figures";

const options = parseBenchOptions(["--quick"]);
const argo = { peer: "argocd" as const, name: "Argo CD", version: "argocd v3.2.11", note: "automated sync." };
const spec: FigureSpec = { id: "sync.empty.n10", group: "sync", title: "Sync of 10 objects", unit: "ms", method: "API", peer: { name: "kubectl", kind: "measured" } };

describe("addPeerResults", () => {
  it("adds the peer beside the figure's own peer, with its version and its ratio to Lockstep", () => {
    const figures = [measured(spec, [1000], { peerSamples: [1300] })];
    const out = addPeerResults(figures, options, argo, { results: new Map([["sync.empty.n10", { samples: [4000, 3000, 5000] }]]) });
    const figure = out.find((f) => f.id === "sync.empty.n10");
    expect(figure?.peer?.name).toBe("kubectl");
    expect(figure?.peers).toEqual([expect.objectContaining({ name: "Argo CD", kind: "measured", version: "argocd v3.2.11", value: 4000, ratio: 4, unavailable: null })]);
  });

  it("gives every peer figure the reason when the peer did not run at all", () => {
    const out = addPeerResults([], options, argo, "failed: redis-server exited");
    expect(out.map((f) => f.id)).toEqual(peerFigureIds(options));
    for (const figure of out) expect(figure.peers[0]?.unavailable).toBe("failed: redis-server exited");
  });

  it("gives the figures a stage did not reach the first failure's reason", () => {
    const out = addPeerResults([], options, argo, { results: new Map([["sync.empty.n10", { samples: [100] }]]), failure: "failed: drift timed out" });
    expect(out.find((f) => f.id === "sync.empty.n10")?.peers[0]?.value).toBe(100);
    expect(out.find((f) => f.id === "scale.memory")?.peers[0]?.unavailable).toBe("failed: drift timed out");
  });

  it("keeps a row for a figure whose Lockstep side was left out, saying so", () => {
    const out = addPeerResults([], options, argo, { results: new Map([["scale.memory", { value: 300 }]]) });
    const memory = out.find((f) => f.id === "scale.memory");
    expect(memory?.unavailable).toMatch(/^Lockstep's side not run/);
    expect(memory?.peers[0]?.value).toBe(300);
    expect(memory?.peers[0]?.ratio).toBeNull();
  });
});

describe("cpuFigure", () => {
  it("sums the Lockstep server's CPU time over the scale run's three measurements", () => {
    const shared = new Map<string, unknown>([["cpu:scale-setup", 1000], ["cpu:scale-refresh", 200], ["cpu:webhook-fanout", 300]]);
    expect(cpuFigure(options, shared).value).toBe(1500);
  });

  it("says why it has no number when one of them did not run", () => {
    expect(cpuFigure(options, new Map([["cpu:scale-setup", 1000]])).unavailable).toMatch(/needs scale-setup, scale-refresh, webhook-fanout/);
  });
});
