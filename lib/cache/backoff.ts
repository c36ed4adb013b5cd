/**
 * How long a watch waits before listing or watching again after a failure.
 */
import type { BackoffPolicy } from "@/lib/retry";

/**
 * Watch reconnects: 250 ms doubling up to 15 s, with up to a fifth taken off at random so many
 * watches do not reconnect in lockstep.
 */
export const WATCH_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 15_000, factor: 2, jitter: [0.8, 1] };

/** Changes to {@link WATCH_BACKOFF} for one cache (tests shorten it). */
export type BackoffOptions = Partial<BackoffPolicy>;
