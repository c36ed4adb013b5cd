/**
 * Walks a set of sync windows forward in time, from one opening or closing to the next, so
 * the verdict can say when syncing closes or opens again. Each step asks croner for one next
 * opening only; where a window is at any moment follows from its latest opening, since every
 * opening of a window lasts as long.
 */
import type { SyncWindow } from "./schema";
import { latestActiveOpening, nextOpening, type WindowSchedule } from "./window-schedule";

/** A window and whether it is active at the timeline's current moment. */
export interface WindowState {
  window: SyncWindow;
  active: boolean;
}

/** A cursor over time for a fixed set of windows. */
export interface WindowTimeline {
  /** The current moment (ms since the epoch). */
  at(): number;
  /** Every window with whether it is active now. */
  states(): WindowState[];
  /** Moves to the next moment a window opens or closes; false when none remains. */
  advance(): boolean;
}

interface Track {
  schedule: WindowSchedule;
  /** End of the latest opening seen so far; the window is active while the cursor is before it. */
  activeUntil?: number;
  nextStart?: number;
}

/** A timeline over `schedules` starting at `from` (ms since the epoch). */
export function createWindowTimeline(schedules: readonly WindowSchedule[], from: number): WindowTimeline {
  let cursor = from;
  const tracks: Track[] = schedules.map((schedule) => {
    const opening = latestActiveOpening(schedule, from);
    return { schedule, activeUntil: opening === undefined ? undefined : opening + schedule.durationMs, nextStart: nextOpening(schedule, from) };
  });
  const isActive = (track: Track) => track.activeUntil !== undefined && track.activeUntil > cursor;
  return {
    at: () => cursor,
    states: () => tracks.map((track) => ({ window: track.schedule.window, active: isActive(track) })),
    advance() {
      let next: number | undefined;
      for (const track of tracks) {
        for (const moment of [track.nextStart, isActive(track) ? track.activeUntil : undefined]) {
          if (moment !== undefined && (next === undefined || moment < next)) next = moment;
        }
      }
      if (next === undefined) return false;
      cursor = next;
      for (const track of tracks) {
        if (track.nextStart !== cursor) continue;
        track.activeUntil = cursor + track.schedule.durationMs;
        track.nextStart = nextOpening(track.schedule, cursor);
      }
      return true;
    },
  };
}
