/**
 * Human-readable numbers for the table and the chart.
 */
import type { Figure, Unit } from "../lib/figures";

/** `812 ms`, `3.41 s`, `2 min 5 s`, or `312 MB`. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined) return "—";
  if (unit === "MB") return `${Math.round(value)} MB`;
  if (value < 1000) return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
  if (value < 120_000) return `${(value / 1000).toFixed(2)} s`;
  return `${Math.floor(value / 60_000)} min ${Math.round((value % 60_000) / 1000)} s`;
}

/** The peer's value, a published range as `120–180 s`. */
export function formatPeerValue(figure: Figure): string {
  const peer = figure.peer;
  if (!peer) return "—";
  if (peer.range && figure.unit === "ms") return `${peer.range[0] / 1000}–${peer.range[1] / 1000} s`;
  return formatValue(peer.value, figure.unit);
}

/** `4.20× faster`, `1.25× slower`, or `—`. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) return "—";
  if (ratio >= 1) return `${ratio.toFixed(2)}× faster`;
  return `${(1 / ratio).toFixed(2)}× slower`;
}
