/**
 * Comparing secrets without leaking them through timing: both sides are hashed
 * to the same length first, then compared with `timingSafeEqual`, so neither
 * where they differ nor how long the expected value is shows in the time taken.
 */
import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/** True when `a` equals `b`, in time independent of their content and lengths. */
export function constantTimeEquals(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
