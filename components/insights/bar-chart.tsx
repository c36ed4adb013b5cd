import { useId } from "react";
import { labelEvery, linearScale, niceMax } from "./scale";

/** One bar: its axis label, its value, and what its tooltip says. */
export interface Bar {
  label: string;
  value: number;
  /** The bar's tooltip (`<title>`); defaults to `label: value`. */
  detail?: string;
}

/** Options of {@link BarChart}. */
export interface BarChartProps {
  /** The chart's accessible name, shown above it too. */
  title: string;
  /** A sentence for screen readers: what the bars count. */
  description: string;
  bars: readonly Bar[];
  /** @default 640 */
  width?: number;
  /** @default 180 */
  height?: number;
  /** At most this many axis labels. @default 10 */
  maxLabels?: number;
}

const MARGIN = { top: 10, right: 8, bottom: 24, left: 32 };

/**
 * A bar chart drawn as SVG, server-rendered: one `<rect>` per bar with a `<title>` tooltip,
 * the axis maximum on a round number, sparse labels below. `role="img"` with the title and
 * description as its accessible name.
 */
export function BarChart({ title, description, bars, width = 640, height = 180, maxLabels = 10 }: BarChartProps) {
  const id = useId();
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const y = linearScale(0, max, MARGIN.top + plotHeight, MARGIN.top);
  const slot = bars.length === 0 ? plotWidth : plotWidth / bars.length;
  const every = labelEvery(bars.length, maxLabels);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption id={`${id}-title`} className="mb-2 text-sm font-semibold text-slate-700">
        {title}
      </figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" data-testid="bar-chart">
        <title>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} className="stroke-slate-300" />
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(max)} y2={y(max)} className="stroke-slate-100" />
        <text x={MARGIN.left - 4} y={y(max) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
          {max}
        </text>
        <text x={MARGIN.left - 4} y={y(0) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
          0
        </text>
        {bars.map((bar, i) => {
          const x = MARGIN.left + i * slot + slot * 0.15;
          const top = y(bar.value);
          return (
            <g key={`${bar.label}-${i}`}>
              <rect x={x} y={top} width={slot * 0.7} height={y(0) - top} className="fill-indigo-500" data-value={bar.value} aria-label={bar.detail ?? `${bar.label}: ${bar.value}`}>
                <title>{bar.detail ?? `${bar.label}: ${bar.value}`}</title>
              </rect>
              {i % every === 0 && (
                <text x={x + slot * 0.35} y={height - 8} textAnchor="middle" className="fill-slate-500 text-[10px]">
                  {bar.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
