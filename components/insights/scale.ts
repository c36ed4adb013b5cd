/** The arithmetic of the Insights charts: a "nice" axis maximum and linear scales. Pure. */

/** The smallest of 1, 2, 5 × 10ⁿ at or above `value` (at least 1), so the axis ends on a round number. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** Maps `[domainMin, domainMax]` onto `[rangeMin, rangeMax]`; a zero-width domain maps to `rangeMin`. */
export function linearScale(domainMin: number, domainMax: number, rangeMin: number, rangeMax: number): (value: number) => number {
  const width = domainMax - domainMin;
  return (value) => (width === 0 ? rangeMin : rangeMin + ((value - domainMin) / width) * (rangeMax - rangeMin));
}

/** Every `n`th index of `count` so that at most `most` labels show (always the first). */
export function labelEvery(count: number, most: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, most)));
}
