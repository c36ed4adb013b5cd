/** How the Insights page writes durations, rates and dates. Pure, so the charts and tests share it. */

/** A duration in the largest unit that keeps it readable: `45 s`, `12 min`, `3.5 h`, `2.1 d`; `—` for none. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 360) / 10} h`;
  return `${Math.round(seconds / 8640) / 10} d`;
}

/** A share as a whole percentage (`33%`); `—` when there is nothing to take a share of. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}

/** A UTC day as `Nov 3`, the same wherever the page is rendered. */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}
