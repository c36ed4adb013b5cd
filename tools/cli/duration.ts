/** Durations on the command line, as Go and kubectl write them: `90s`, `5m`, `1h30m`, `500ms`. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const WHOLE = /^(?:\d+(?:ms|s|m|h))+$/;
const PART = /(\d+)(ms|s|m|h)/g;

/** The longest wait the CLI accepts: a day. */
export const MAX_DURATION_MS = 24 * 3_600_000;

/**
 * Milliseconds of a duration such as `90s`, `5m` or `1h30m`, or undefined when `text` is not
 * one (no unit, a negative or fractional number, zero, or longer than a day).
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * UNIT_MS[unit!]!;
  return total > 0 && total <= MAX_DURATION_MS ? total : undefined;
}

/** A duration in the shortest readable form: `1.5s`, `90s`, `5m`, `1h30m`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return [hours ? `${hours}h` : "", minutes ? `${minutes}m` : "", seconds ? `${seconds}s` : ""].join("") || "0s";
}
