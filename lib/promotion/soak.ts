/**
 * Automatic promotion as policy, effects elsewhere (as lib/engine's `decideAutomation`): a
 * source stage "soaks" while it keeps running the same images, Synced and Healthy; once it has
 * for the target stage's soak time, those images are promoted — once per (stage, images).
 */

/** Since when a source stage has been promotable at one set of images. */
export interface SoakObservation {
  /** The images' key (see `imagesKey`). */
  key: string;
  /** When it was first seen promotable at them, in epoch milliseconds. */
  since: number;
}

/**
 * The observation after looking at a stage at `now`: kept while it stays promotable at the same
 * images, started afresh when the images change, dropped when it is not promotable.
 */
export function observeSoak(previous: SoakObservation | undefined, current: { key: string; promotable: boolean }, now: number): SoakObservation | undefined {
  if (!current.promotable || current.key === "") return undefined;
  if (previous && previous.key === current.key) return previous;
  return { key: current.key, since: now };
}

/** What automatic promotion does for one stage now. */
export type AutoPromotionDecision =
  | { action: "idle"; reason: string }
  | { action: "wait"; remainingMs: number }
  | { action: "promote"; key: string };

/** Decides whether to promote into a stage with a `soakMs` soak time, given the source's observation. */
export function decideAutoPromotion(input: { observation: SoakObservation | undefined; soakMs: number; now: number; alreadyPromoted: boolean }): AutoPromotionDecision {
  const { observation, soakMs, now } = input;
  if (!observation) return { action: "idle", reason: "the source stage is not Synced and Healthy" };
  if (input.alreadyPromoted) return { action: "idle", reason: "these images were promoted already" };
  const soaked = now - observation.since;
  if (soaked < soakMs) return { action: "wait", remainingMs: soakMs - soaked };
  return { action: "promote", key: observation.key };
}
