/**
 * A figure is one number the benchmark reports: Lockstep's value, its peer (measured in the
 * same run, or a published reference), and the ratio between them — or an explicit reason
 * why there is no number. With `--peers`, the same figure also carries the GitOps peers
 * (Argo CD, Flux) measured on the same cluster, each with its version and its own ratio; the
 * published figure stays beside them for reference.
 */
import { median } from "./stats";

/** Units of the figures. */
export type Unit = "ms" | "MB";

/** What Lockstep is compared with. */
export interface PeerSpec {
  /** What the peer is, e.g. `kubectl diff --server-side`. */
  name: string;
  /** `measured` in this run on the same cluster and inputs, or `published` by its authors or users (never measured here). */
  kind: "measured" | "published";
  /** For published figures: the value, or the low end of a range. */
  value?: number;
  /** For published figures given as a range: [low, high]. */
  range?: [number, number];
  /** Where a published figure comes from. */
  source?: string;
  /** What differs between the peer's conditions and ours. */
  note?: string;
  /** For a measured GitOps peer: the versions it was built from, e.g. `argocd v3.2.11`. */
  version?: string;
}

/** What a figure is, known before it is measured. */
export interface FigureSpec {
  id: string;
  /** The measurement (module) the figure belongs to. */
  group: string;
  title: string;
  unit: Unit;
  /** How Lockstep's side is measured. */
  method: string;
  peer: PeerSpec | null;
}

/** The peer's side of a reported figure. */
export interface PeerFigure extends Omit<PeerSpec, "value"> {
  /** The peer's representative value: median of its samples, or the published value (the low end of a range). */
  value: number | null;
  samples?: number[];
}

/** One reported figure. */
export interface Figure extends Omit<FigureSpec, "peer"> {
  /** Lockstep's value (median of the samples unless the method says otherwise); null when unavailable. */
  value: number | null;
  samples: number[];
  peer: PeerFigure | null;
  /**
   * Peer value divided by Lockstep's value: above 1 means Lockstep took less time (or memory).
   * Against a published range, the low end (the peer's best case) is used.
   */
  ratio: number | null;
  /** Why there is no number, e.g. "not available yet (feature missing: ...)"; null when measured. */
  unavailable: string | null;
  /** Sanity checks and context, e.g. how many resources the diff reported. */
  notes: string[];
  /** GitOps peers measured doing the same work in this run (`--peers`), in the order given. */
  peers: ToolFigure[];
}

/** A GitOps peer's side of a figure: always `measured`, with its version and ratio, or why it has no number. */
export interface ToolFigure extends PeerFigure {
  /** Peer value divided by Lockstep's value (above 1: Lockstep took less); null when either is missing. */
  ratio: number | null;
  /** Why there is no number (e.g. "not run: …"), or null. */
  unavailable: string | null;
}

/** Extra data of a measured figure. */
export interface MeasuredExtras {
  /** The peer's samples, for a `measured` peer. */
  peerSamples?: number[];
  /** Lockstep's value when not the median of its samples (e.g. a percentile). */
  value?: number;
  /** The peer's value when not the median of its samples. */
  peerValue?: number;
  notes?: string[];
}

const round = (n: number) => Math.round(n * 100) / 100;

function peerFigure(spec: PeerSpec | null, extras: MeasuredExtras): PeerFigure | null {
  if (!spec) return null;
  if (spec.kind === "published") return { ...spec, value: spec.value ?? spec.range?.[0] ?? null };
  const samples = (extras.peerSamples ?? []).map(round);
  const value = extras.peerValue ?? (samples.length > 0 ? median(samples) : null);
  return { ...spec, value: value === null ? null : round(value), samples };
}

/** A figure with numbers: value from the samples (median unless given), ratio to the peer. */
export function measured(spec: FigureSpec, samples: number[], extras: MeasuredExtras = {}): Figure {
  const rounded = samples.map(round);
  const value = round(extras.value ?? median(rounded));
  const peer = peerFigure(spec.peer, extras);
  const ratio = peer?.value != null && value > 0 ? round(peer.value / value) : null;
  return { ...spec, value, samples: rounded, peer, ratio, unavailable: null, notes: extras.notes ?? [], peers: [] };
}

/** A figure without a number, and the reason. */
export function unavailable(spec: FigureSpec, reason: string): Figure {
  return { ...spec, value: null, samples: [], peer: peerFigure(spec.peer, {}), ratio: null, unavailable: reason, notes: [], peers: [] };
}

/** What a GitOps peer measured for one figure: samples (median taken) or an explicit value, or why not. */
export interface ToolMeasurement {
  spec: PeerSpec & { kind: "measured" };
  samples?: number[];
  /** The value when not the median of the samples (e.g. a sum of CPU seconds). */
  value?: number;
  unavailable?: string;
}

/** The figure with a GitOps peer's result added, its ratio taken against Lockstep's value. */
export function withTool(figure: Figure, tool: ToolMeasurement): Figure {
  const samples = (tool.samples ?? []).map(round);
  const raw = tool.unavailable ? null : (tool.value ?? (samples.length > 0 ? median(samples) : null));
  const value = raw === null ? null : round(raw);
  const ratio = value !== null && figure.value !== null && figure.value > 0 ? round(value / figure.value) : null;
  const entry: ToolFigure = { ...tool.spec, value, samples, ratio, unavailable: tool.unavailable ?? (value === null ? "failed: no sample" : null) };
  return { ...figure, peers: [...figure.peers, entry] };
}
