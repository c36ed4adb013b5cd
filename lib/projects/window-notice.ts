/**
 * What the app page says about its project's sync windows: nothing while syncing is open and
 * stays so for the next hour; that it is closed (why, and when it opens); or that it closes
 * soon. Pure, so the page's wording is decided in one tested place.
 */
import { ABOUT_TO_CLOSE_MS, type SyncWindowVerdict } from "./sync-windows";

/** A notice to show about the app's sync windows. */
export type SyncWindowNotice =
  | {
      kind: "closed";
      /** The verdict's sentence, without its final period. */
      reason: string;
      opensAt?: Date;
      /** The deciding window still lets people sync by hand. */
      manualSync: boolean;
    }
  | { kind: "closing"; closesAt: Date; reason?: string };

function sentence(reason: string | undefined, fallback: string): string {
  return (reason ?? fallback).replace(/\.$/, "");
}

/** The notice for a verdict at `now`, or undefined when there is nothing to say. */
export function syncWindowNotice(verdict: SyncWindowVerdict, now: Date): SyncWindowNotice | undefined {
  if (!verdict.open) {
    return {
      kind: "closed",
      reason: sentence(verdict.reason, "A sync window of the app's project is closed"),
      ...(verdict.opensAt ? { opensAt: verdict.opensAt } : {}),
      manualSync: verdict.window?.manualSync ?? false,
    };
  }
  if (verdict.closesAt && verdict.closesAt.getTime() - now.getTime() <= ABOUT_TO_CLOSE_MS) {
    return { kind: "closing", closesAt: verdict.closesAt, ...(verdict.reason ? { reason: sentence(verdict.reason, "") } : {}) };
  }
  return undefined;
}
