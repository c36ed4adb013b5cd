/**
 * Whether an app may sync now, by its project's sync windows — Argo CD's semantics: only
 * windows whose `apps` patterns match the app count; with none, syncing is open. An active
 * deny window closes it (deny beats allow) unless the sync is manual and every active deny
 * window has `manualSync`. Otherwise, if there are allow windows and none is active, it is
 * closed unless the sync is manual and one of them has `manualSync`.
 */
import { matchesPatterns } from "./patterns";
import type { SyncWindow } from "./schema";
import { createWindowTimeline, type WindowState, type WindowTimeline } from "./window-timeline";
import { describeWindow, scheduleOf, type WindowSchedule } from "./window-schedule";

/** What to decide about. */
export interface SyncWindowQuery {
  /** The app's name, matched against each window's `apps`. */
  app: string;
  now: Date;
  /** A sync someone started by hand (windows with `manualSync` let those through). */
  manual?: boolean;
}

/** Whether a sync may start, and when that changes. */
export interface SyncWindowVerdict {
  open: boolean;
  /** One sentence on why, when a window decided it. */
  reason?: string;
  /** The window that decided it. */
  window?: SyncWindow;
  /** When open: when an open allow window ends, or when a deny window closes syncing within the hour ("about to close"). */
  closesAt?: Date;
  /** When closed: the next time syncing opens, best effort (within a year). */
  opensAt?: Date;
}

/** How far ahead "about to close" looks. */
export const ABOUT_TO_CLOSE_MS = 60 * 60_000;
const SEARCH_HORIZON_MS = 366 * 24 * 60 * 60_000;
const MAX_STEPS = 500;

/** Decides whether `query.app` may sync at `query.now` under `windows` (windows that cannot be read are ignored). */
export function syncWindowVerdict(windows: readonly SyncWindow[], query: SyncWindowQuery): SyncWindowVerdict {
  const schedules = windows
    .filter((window) => matchesPatterns(query.app, window.apps))
    .map(scheduleOf)
    .filter((schedule): schedule is WindowSchedule => schedule !== undefined);
  if (schedules.length === 0) return { open: true };
  const manual = query.manual ?? false;
  const now = query.now.getTime();
  const timeline = createWindowTimeline(schedules, now);
  const states = timeline.states();
  const verdict = decide(states, manual);
  const insideAllow = verdict.open && states.some((s) => s.window.kind === "allow" && s.active);
  const horizon = now + (verdict.open && !insideAllow ? ABOUT_TO_CLOSE_MS : SEARCH_HORIZON_MS);
  const change = nextChange(timeline, manual, verdict.open, horizon);
  if (change === undefined) return verdict;
  return verdict.open ? { ...verdict, closesAt: new Date(change) } : { ...verdict, opensAt: new Date(change) };
}

/** The verdict for windows known to be active or not, without looking ahead. */
function decide(states: readonly WindowState[], manual: boolean): SyncWindowVerdict {
  const activeDeny = states.filter((s) => s.window.kind === "deny" && s.active).map((s) => s.window);
  const [deny] = activeDeny;
  if (deny) {
    if (manual && activeDeny.every((w) => w.manualSync)) {
      return { open: true, window: deny, reason: `The ${describeWindow(deny)} is active, but it allows manual syncs.` };
    }
    return { open: false, window: deny, reason: `The ${describeWindow(deny)} is active.` };
  }
  const allows = states.filter((s) => s.window.kind === "allow");
  const activeAllow = allows.find((s) => s.active);
  if (activeAllow) return { open: true, window: activeAllow.window };
  const [firstAllow] = allows;
  if (!firstAllow) return { open: true };
  const manualAllow = allows.find((s) => s.window.manualSync);
  if (manual && manualAllow) {
    return { open: true, window: manualAllow.window, reason: `No allow window is active, but the ${describeWindow(manualAllow.window)} allows manual syncs.` };
  }
  return { open: false, window: firstAllow.window, reason: "No allow window is active, and syncs may only start inside one." };
}

/**
 * The first moment, no later than `horizon`, at which the verdict is no longer `open`;
 * `undefined` when there is none by then or within {@link MAX_STEPS} openings and closings.
 */
function nextChange(timeline: WindowTimeline, manual: boolean, open: boolean, horizon: number): number | undefined {
  for (let step = 0; step < MAX_STEPS && timeline.advance() && timeline.at() <= horizon; step++) {
    if (decide(timeline.states(), manual).open !== open) return timeline.at();
  }
  return undefined;
}
