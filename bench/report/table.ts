/**
 * The stdout table: one row per figure — Lockstep's value, the peer's (published ones marked),
 * the ratio — then the reasons for figures without a number.
 */
import type { Environment } from "../lib/environment";
import type { Figure } from "../lib/figures";
import { formatPeerValue, formatRatio, formatValue } from "./format";

function row(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
}

/** The table as text. */
export function renderTable(figures: readonly Figure[], environment: Environment): string {
  const header = ["Figure", "Lockstep", "Peer", "Peer value", "Ratio"];
  const rows = figures.flatMap((f) => [
    [
      f.title,
      f.unavailable ? "n/a" : formatValue(f.value, f.unit),
      f.peer ? `${f.peer.name}${f.peer.kind === "measured" ? " (measured)" : ""}` : "—",
      formatPeerValue(f),
      formatRatio(f.ratio),
    ],
    ...f.peers.map((p) => ["", "", `${p.name}, ${p.version ?? "version unknown"} (measured)`, p.unavailable ? "n/a" : formatValue(p.value, f.unit), formatRatio(p.ratio)]),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const lines = [
    `Lockstep benchmark · ${environment.date} · ${environment.cpuCount} CPUs · Node ${environment.nodeVersion} · Kubernetes ${environment.kubernetesServerVersion} · kubectl ${environment.kubectlVersion} · git ${environment.gitVersion}`,
    `load average at start: ${environment.loadAverageAtStart.join(" / ")} (shared machine: compare ratios, not absolute times)`,
    ...(environment.buildStale ? ["warning: the production build is older than the sources; rebuild for figures of the current code"] : []),
    "",
    row(header, widths),
    row(widths.map((w) => "-".repeat(w)), widths),
    ...rows.map((r) => row(r, widths)),
  ];
  const missing = [
    ...figures.filter((f) => f.unavailable).map((f) => `  ${f.id}: ${f.unavailable}`),
    ...figures.flatMap((f) => f.peers.filter((p) => p.unavailable).map((p) => `  ${f.id} (${p.name}): ${p.unavailable}`)),
  ];
  if (missing.length > 0) lines.push("", "Without a number:", ...missing);
  lines.push("", "Ratio = peer time ÷ Lockstep time (against a published range: its low end). Published figures were not measured here.");
  return lines.join("\n");
}
