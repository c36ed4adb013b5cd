/** Sync window durations as Argo CD writes them: `30m`, `1h`, `1h30m`, `2d`. */

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;
const MINUTE_MS = 60_000;

/** The duration in milliseconds, or `undefined` for text that is not one or is zero long. */
export function parseWindowDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const [, days = "0", hours = "0", minutes = "0"] = match;
  const total = (Number(days) * 24 * 60 + Number(hours) * 60 + Number(minutes)) * MINUTE_MS;
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}
