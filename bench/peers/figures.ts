/**
 * Where a peer's results land: on Lockstep's figure of the same id (the published figure
 * stays as its `peer`), or on a figure of their own when Lockstep's side did not run.
 */
import type { PeerName } from "@/tools/peers";
import { measured, unavailable, withTool, type Figure, type FigureSpec, type PeerSpec } from "../lib/figures";
import type { BenchOptions } from "../lib/options";
import { cpuKey } from "../lib/runner";
import type { PeerResults } from "./work";

/** The figure ids a peer run reports, in order. */
export function peerFigureIds(options: BenchOptions): string[] {
  return [
    ...options.sizes.flatMap((n) => [`sync.empty.n${n}`, `sync.resync10.n${n}`]),
    "detect.live-change",
    "scale.sync-all",
    "scale.full-refresh",
    "fanout.all-refreshed",
    "scale.memory",
    "peers.scale-cpu",
  ];
}

/** The measurements whose Lockstep server CPU time makes up the scale run's. */
const SCALE_RUN = ["scale-setup", "scale-refresh", "webhook-fanout"];

/** Lockstep's side of the CPU figure: its server's CPU time during the scale run's measurements. */
export function cpuFigure(options: BenchOptions, shared: Map<string, unknown>): Figure {
  const spec: FigureSpec = {
    id: "peers.scale-cpu",
    group: "peers",
    title: `CPU time of the scale run (${options.apps} apps × ${options.objectsPerApp} objects: sync all, full refresh, one push)`,
    unit: "ms",
    method: "utime + stime of the Lockstep server's process tree (children included) during the scale-setup, scale-refresh and webhook-fanout measurements",
    peer: null,
  };
  const parts = SCALE_RUN.map((id) => shared.get(cpuKey(id))).filter((v): v is number => typeof v === "number");
  if (parts.length < SCALE_RUN.length) return unavailable(spec, `Lockstep's side not run in this run (needs ${SCALE_RUN.join(", ")})`);
  return measured(spec, [parts.reduce((a, b) => a + b, 0)]);
}

/** A stand-in for a Lockstep figure that was not run (e.g. left out by --only), so the peers' numbers still have a row. */
function placeholder(id: string): Figure {
  const spec: FigureSpec = { id, group: "peers", title: id, unit: id === "scale.memory" ? "MB" : "ms", method: "Lockstep's side was not run", peer: null };
  return unavailable(spec, "Lockstep's side not run in this run (left out by --only)");
}

/** Describes a peer's side of a figure: its processes, version and how it was asked. */
export interface PeerDescription {
  peer: PeerName;
  name: string;
  version: string;
  note: string;
}

/** A peer's run: its results and the first failure (the reason of figures it did not reach), or one reason it did not run at all. */
export type PeerOutcome = { results: PeerResults; failure?: string } | string;

/**
 * Adds one peer's results (or one reason for all of them) to the figures:
 * existing figures keep their place, missing ones are appended.
 */
export function addPeerResults(figures: Figure[], options: BenchOptions, description: PeerDescription, outcome: PeerOutcome): Figure[] {
  const out = [...figures];
  for (const id of peerFigureIds(options)) {
    let index = out.findIndex((f) => f.id === id);
    if (index < 0) {
      out.push(placeholder(id));
      index = out.length - 1;
    }
    const result =
      typeof outcome === "string" ? { unavailable: outcome } : (outcome.results.get(id) ?? { unavailable: outcome.failure ?? "failed: the peer run stopped before this figure" });
    const spec: PeerSpec & { kind: "measured" } = {
      name: description.name,
      kind: "measured",
      version: description.version,
      note: [description.note, ...(result.notes ?? [])].join(" "),
    };
    out[index] = withTool(out[index] as Figure, { spec, samples: result.samples, value: result.value, unavailable: result.unavailable });
  }
  return out;
}
