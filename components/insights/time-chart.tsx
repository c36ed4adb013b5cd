import { useId } from "react";
import { formatDay } from "./format";
import { linearScale, niceMax } from "./scale";

/** One point in time and its value. */
export interface TimePoint {
  /** ISO 8601. */
  at: string;
  value: number;
  /** The point's tooltip. */
  detail: string;
}

/** Options of {@link TimeChart}. */
export interface TimeChartProps {
  title: string;
  description: string;
  points: readonly TimePoint[];
  /** The time axis, ISO 8601. */
  from: string;
  to: string;
  /** Writes a value on the axis (the maximum). */
  format: (value: number) => string;
  /** @default 640 */
  width?: number;
  /** @default 180 */
  height?: number;
}

const MARGIN = { top: 10, right: 8, bottom: 24, left: 48 };

/**
 * Values over time drawn as SVG, server-rendered: a dot per point (with a `<title>` tooltip)
 * joined by a line, the time axis from `from` to `to` labelled at both ends.
 */
export function TimeChart({ title, description, points, from, to, format, width = 640, height = 180 }: TimeChartProps) {
  const id = useId();
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const x = linearScale(Date.parse(from), Date.parse(to), MARGIN.left, width - MARGIN.right);
  const y = linearScale(0, max, height - MARGIN.bottom, MARGIN.top);
  const sorted = [...points].sort((a, b) => a.at.localeCompare(b.at));
  const path = sorted.map((p, i) => `${i === 0 ? "M" : "L"}${x(Date.parse(p.at)).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption id={`${id}-title`} className="mb-2 text-sm font-semibold text-slate-700">
        {title}
      </figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" data-testid="time-chart">
        <title>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} className="stroke-slate-300" />
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(max)} y2={y(max)} className="stroke-slate-100" />
        <text x={MARGIN.left - 4} y={y(max) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
          {format(max)}
        </text>
        <text x={MARGIN.left} y={height - 8} className="fill-slate-500 text-[10px]">
          {formatDay(from)}
        </text>
        <text x={width - MARGIN.right} y={height - 8} textAnchor="end" className="fill-slate-500 text-[10px]">
          {formatDay(to)}
        </text>
        {sorted.length > 1 && <path d={path} fill="none" className="stroke-indigo-300" />}
        {sorted.map((p, i) => (
          <circle key={`${p.at}-${i}`} cx={x(Date.parse(p.at))} cy={y(p.value)} r={3.5} className="fill-indigo-600" aria-label={p.detail}>
            <title>{p.detail}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
