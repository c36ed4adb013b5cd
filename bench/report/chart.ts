/**
 * `chart.html`: how diff and sync times grow with the number of objects, Lockstep against
 * kubectl and the GitOps peers measured with `--peers`, as inline SVG (no scripts, no network
 * assets), then a table of every figure the peers have a number for.
 */
import type { Environment } from "../lib/environment";
import type { Figure } from "../lib/figures";
import { formatRatio, formatValue } from "./format";

interface Panel {
  title: string;
  /** The figure id for a size, e.g. `diff.n100`. */
  idFor(n: number): string;
}

const PANELS: Panel[] = [
  { title: "Diff (warm, 10% changed)", idFor: (n) => `diff.n${n}` },
  { title: "Sync from empty", idFor: (n) => `sync.empty.n${n}` },
  { title: "Re-sync, 10% changed", idFor: (n) => `sync.resync10.n${n}` },
];

const WIDTH = 360;
const HEIGHT = 260;
const MARGIN = { left: 62, right: 16, top: 34, bottom: 44 };
const COLORS = { lockstep: "#4f46e5", peer: "#d97706" };
/** Line colours of the GitOps peers, in the order they appear. */
const TOOL_COLORS = ["#dc2626", "#059669", "#0891b2"];

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A round axis maximum at or above `value`, split into four steps of 1, 2, 2.5 or 5 × a power of ten. */
function niceAxisMax(value: number): number {
  const rawStep = value / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rawStep) ?? 10 * magnitude;
  return step * 4;
}

interface Point {
  n: number;
  value: number;
}

/** The GitOps peers' names found on any figure, in order of first appearance. */
function toolNames(figures: readonly Figure[]): string[] {
  return [...new Set(figures.flatMap((f) => f.peers.map((p) => p.name)))];
}

function series(figures: readonly Figure[], panel: Panel, sizes: number[], side: "lockstep" | "peer" | { tool: string }): Point[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  return sizes.flatMap((n) => {
    const figure = byId.get(panel.idFor(n));
    const value =
      side === "lockstep" ? figure?.value : side === "peer" ? figure?.peer?.value : figure?.peers.find((p) => p.name === side.tool)?.value;
    return value === null || value === undefined ? [] : [{ n, value }];
  });
}

function panelSvg(figures: readonly Figure[], panel: Panel, sizes: number[]): string {
  const ours = series(figures, panel, sizes, "lockstep");
  const theirs = series(figures, panel, sizes, "peer");
  const tools = toolNames(figures).map((tool) => series(figures, panel, sizes, { tool }));
  const maxValue = niceAxisMax(Math.max(1, ...[ours, theirs, ...tools].flat().map((p) => p.value)));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const logMin = Math.log10(Math.min(...sizes));
  const logSpan = Math.max(1e-9, Math.log10(Math.max(...sizes)) - logMin);
  const x = (n: number) => MARGIN.left + (sizes.length === 1 ? plotW / 2 : ((Math.log10(n) - logMin) / logSpan) * plotW);
  const y = (v: number) => MARGIN.top + plotH - (v / maxValue) * plotH;
  const line = (points: Point[], color: string) =>
    points.length === 0
      ? ""
      : `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((p) => `${x(p.n).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ")}"/>` +
        points.map((p) => `<circle cx="${x(p.n).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3.5" fill="${color}"><title>${escapeXml(formatValue(p.value, "ms"))} at N=${p.n}</title></circle>`).join("");
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * maxValue);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(panel.title)}">
<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-size="14" font-weight="600">${escapeXml(panel.title)}</text>
${yTicks.map((v) => `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e2e8f0"/><text x="${MARGIN.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="10" fill="#475569">${escapeXml(formatValue(v, "ms"))}</text>`).join("\n")}
${sizes.map((n) => `<text x="${x(n).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle" font-size="10" fill="#475569">${n}</text>`).join("\n")}
<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle" font-size="11" fill="#475569">objects (N, log scale)</text>
${line(theirs, COLORS.peer)}
${tools.map((points, i) => line(points, TOOL_COLORS[i % TOOL_COLORS.length] as string)).join("\n")}
${line(ours, COLORS.lockstep)}
</svg>`;
}

/** The figures the GitOps peers have a row in, as an HTML table (value and ratio per peer). */
function peersTable(figures: readonly Figure[]): string {
  const tools = toolNames(figures);
  if (tools.length === 0) return "";
  const rows = figures
    .filter((f) => f.peers.length > 0)
    .map((f) => {
      const cells = tools.map((tool) => {
        const p = f.peers.find((x) => x.name === tool);
        if (!p) return "<td>—</td>";
        return p.unavailable ? `<td title="${escapeXml(p.unavailable)}">not run</td>` : `<td>${escapeXml(formatValue(p.value, f.unit))} (${escapeXml(formatRatio(p.ratio))})</td>`;
      });
      return `<tr><td>${escapeXml(f.title)}</td><td>${escapeXml(formatValue(f.value, f.unit))}</td>${cells.join("")}</tr>`;
    });
  const versions = tools.map((tool) => {
    const version = figures.flatMap((f) => f.peers).find((p) => p.name === tool)?.version ?? "";
    return `<th>${escapeXml(tool)}<br><small>${escapeXml(version)}</small></th>`;
  });
  return `<h2>GitOps peers, measured alone on the same cluster</h2>
<table><thead><tr><th>figure</th><th>Lockstep</th>${versions.join("")}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
<p>Ratio = peer ÷ Lockstep: "faster" means Lockstep took less time (or memory).</p>`;
}

/** The chart page as HTML text. */
export function renderChart(figures: readonly Figure[], sizes: number[], environment: Environment): string {
  const panels = PANELS.map((panel) => panelSvg(figures, panel, sizes)).join("\n");
  const toolKey = toolNames(figures)
    .map((tool, i) => `<span style="background:${TOOL_COLORS[i % TOOL_COLORS.length]}"></span>${escapeXml(tool)}, measured`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Lockstep benchmark: diff and sync time by object count</title>
<style>body{font-family:system-ui,sans-serif;color:#0f172a;margin:24px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #e2e8f0;padding:4px 8px;text-align:left}.panels{display:flex;flex-wrap:wrap;gap:16px}.key span{display:inline-block;width:14px;height:3px;margin:0 6px 3px 14px;vertical-align:middle}</style>
</head>
<body>
<h1>Diff and sync time by object count</h1>
<p class="key"><span style="background:${COLORS.lockstep}"></span>Lockstep (API of the production server)<span style="background:${COLORS.peer}"></span>kubectl (--server-side), measured in the same run${toolKey}</p>
<div class="panels">
${panels}
</div>
${peersTable(figures)}
<p>${escapeXml(`${environment.date} · ${environment.cpuCount} CPUs · Node ${environment.nodeVersion} · Kubernetes ${environment.kubernetesServerVersion} · kubectl ${environment.kubectlVersion} · Lockstep ${environment.lockstepCommit}`)}. Medians; shared machine, so compare the lines, not absolute times.</p>
</body>
</html>
`;
}
