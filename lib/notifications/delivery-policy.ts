/**
 * How a delivery is retried, and the key that makes it once only. A destination that fails is
 * tried again with exponential backoff (5 s, 20 s, 80 s, then 5 minutes) up to
 * {@link DELIVERY_ATTEMPTS} attempts in all; each attempt is recorded.
 */
import { backoffDelay, type BackoffPolicy } from "@/lib/retry";
import type { Trigger } from "./triggers";

/** Waits between attempts: 5 s, times 4 per attempt, at most 5 minutes, a tenth of jitter taken off. */
export const DELIVERY_BACKOFF: BackoffPolicy = { initialMs: 5_000, factor: 4, maxMs: 300_000, jitter: [0.9, 1] };

/** Attempts of one delivery, the first included. */
export const DELIVERY_ATTEMPTS = 5;

/** The wait before retry `retry` (1 for the first retry), at `random` in [0, 1] (pure). */
export function retryDelayMs(retry: number, policy: BackoffPolicy = DELIVERY_BACKOFF, random?: number): number {
  return backoffDelay(retry, policy, random);
}

/** What makes a delivery unique: one per (subscription, trigger, app, revision), as Argo CD's `oncePer` revision. */
export interface DeliveryKey {
  subscriptionId: string;
  trigger: Trigger;
  app: string;
  /** The Git revision; empty when none is known, so every unknown revision shares one delivery. */
  revision: string;
}

/** The key of a delivery (pure): a revision is compared by its full lower-case SHA, trimmed. */
export function deliveryKey(input: { subscriptionId: string; trigger: Trigger; app: string; revision: string | null | undefined }): DeliveryKey {
  return { subscriptionId: input.subscriptionId, trigger: input.trigger, app: input.app, revision: (input.revision ?? "").trim().toLowerCase() };
}
