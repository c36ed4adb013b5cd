/**
 * One sync window on the clock: a cron schedule in a time zone opening the window, which
 * stays open for its duration. A window is active at `t` when some opening falls in
 * `(t - duration, t]`, i.e. `t` lies within `[opening, opening + duration)` — as Argo CD's
 * sync windows are. Schedules are read with croner, which handles time zones and DST.
 */
import { Cron } from "croner";

import { parseWindowDuration } from "./duration";
import type { SyncWindow } from "./schema";

/** A window ready to be asked about times. */
export interface WindowSchedule {
  window: SyncWindow;
  cron: Cron;
  durationMs: number;
}

const SECOND_MS = 1000;
const NICKNAMES = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly"]);

/**
 * Why a sync window cannot be used, in one sentence, or `undefined` when it is sound: the
 * schedule must be a five-field cron expression (or `@daily` and the like) that fires at all,
 * the time zone a known IANA zone, the duration `30m`, `1h`, `1h30m` or `2d`.
 */
export function validateSyncWindow(window: Pick<SyncWindow, "schedule" | "duration" | "timeZone">): string | undefined {
  const schedule = window.schedule.trim();
  if (!NICKNAMES.has(schedule.toLowerCase()) && schedule.split(/\s+/).length !== 5) {
    return `Schedule "${schedule}" must be a five-field cron expression such as "0 22 * * *".`;
  }
  if (!isKnownTimeZone(window.timeZone)) return `Time zone "${window.timeZone}" is not a known IANA time zone such as "Europe/Berlin".`;
  if (parseWindowDuration(window.duration) === undefined) return "Duration must look like 30m, 1h, 1h30m or 2d.";
  let cron: Cron;
  try {
    cron = new Cron(schedule, { timezone: window.timeZone });
  } catch {
    return `Schedule "${schedule}" is not a valid cron expression.`;
  }
  if (cron.nextRun() === null) return `Schedule "${schedule}" never fires.`;
  return undefined;
}

/** The window's schedule, or `undefined` when it cannot be read (validation keeps such windows out). */
export function scheduleOf(window: SyncWindow): WindowSchedule | undefined {
  if (validateSyncWindow(window) !== undefined) return undefined;
  const durationMs = parseWindowDuration(window.duration);
  if (durationMs === undefined) return undefined;
  return { window, cron: new Cron(window.schedule.trim(), { timezone: window.timeZone }), durationMs };
}

/**
 * The latest opening at or before `at` that is still open then, or `undefined` when the
 * window is not active at `at`. Found by bisection with `nextRun` (croner computes only
 * forwards), so a frequent schedule with a long duration costs a few dozen steps, not one
 * per opening.
 */
export function latestActiveOpening(schedule: WindowSchedule, at: number): number | undefined {
  const first = nextOpening(schedule, at - schedule.durationMs);
  if (first === undefined || first > at) return undefined;
  let latest = first;
  let bound = at;
  while (bound - latest > SECOND_MS) {
    const middle = latest + Math.floor((bound - latest) / 2);
    const opening = nextOpening(schedule, middle);
    if (opening !== undefined && opening <= at) latest = opening;
    else bound = middle;
  }
  const last = nextOpening(schedule, latest);
  return last !== undefined && last <= at ? last : latest;
}

/** The first opening strictly after `after` (ms since the epoch), if the schedule has one. */
export function nextOpening(schedule: WindowSchedule, after: number): number | undefined {
  return schedule.cron.nextRun(new Date(after))?.getTime();
}

/** How a message names the window: `deny window "0 22 * * *" for 1h (Europe/Berlin)`. */
export function describeWindow(window: SyncWindow): string {
  return `${window.kind} window "${window.schedule}" for ${window.duration} (${window.timeZone})`;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
