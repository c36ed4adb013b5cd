/**
 * When each app is refreshed: every app on its own interval (the global one
 * or its own), with ±10% jitter so apps created together do not poll
 * together; exponentially less often while its repository is unreachable; and
 * at once when asked (a webhook, a hard refresh). Apps that come due together
 * form one cycle sharing one revision memo, so a repository is asked once per
 * cycle however many apps it serves. The scheduler holds no I/O of its own:
 * listing apps and refreshing one are injected.
 */
import pLimit from "p-limit";

import { backoffDelay } from "@/lib/retry";
import { createRevisionMemo, type RevisionMemo } from "@/lib/source";

/** What the scheduler needs to know about an app. */
export interface SchedulableApp {
  name: string;
  /** Its own interval in seconds; null for the global one. */
  refreshSeconds: number | null;
}

/** How one refresh ended, for the next delay. */
export interface RefreshOutcome {
  /** True when the repository could not be reached: back off. */
  unreachable: boolean;
}

/** The scheduler's collaborators and settings. */
export interface PollSchedulerOptions {
  /** Every app, read at each tick. */
  listApps: () => Promise<SchedulableApp[]>;
  /** Refreshes one app; `revisions` is shared by the app's cycle. */
  refresh: (name: string, revisions: RevisionMemo) => Promise<RefreshOutcome>;
  /** The global interval in milliseconds. */
  intervalMs: number;
  /** Refreshes running at once. @default 4 */
  concurrency?: number;
  /** Longest delay while backing off, in milliseconds. @default max(interval, 10 minutes) */
  maxBackoffMs?: number;
  /** Delay of the first refresh of apps known at start, at most (they are spread over it). @default min(interval, 10 s) */
  initialSpreadMs?: number;
  /** Reports a refresh that threw. @default console.error */
  onError?: (name: string, error: unknown) => void;
  /** Clock and randomness, for tests. */
  now?: () => number;
  random?: () => number;
}

/** A running scheduler. */
export interface PollScheduler {
  /** Looks for due apps now and starts them; resolves once they are started (not finished). */
  tick(): Promise<void>;
  /** Refreshes these apps as soon as a slot is free, in one cycle; an app mid-refresh runs again right after. */
  request(names: readonly string[]): void;
  /** How long until the next tick is useful, in milliseconds. */
  nextTickMs(): number;
  /** Resolves when no refresh is running or queued (for tests and shutdown). */
  idle(): Promise<void>;
}

/** Fraction of the interval by which each delay varies, up or down. */
export const JITTER = 0.1;

/**
 * The delay before an app's next refresh: its interval with ±10% jitter, or —
 * after `failures` unreachable refreshes in a row — the interval doubled per
 * failure, capped at `maxBackoffMs`.
 */
export function nextDelayMs(options: { intervalMs: number; failures: number; maxBackoffMs: number; random: number }): number {
  const policy = { initialMs: options.intervalMs, maxMs: Math.max(options.maxBackoffMs, options.intervalMs), jitter: [1 - JITTER, 1 + JITTER] } as const;
  return backoffDelay(options.failures + 1, policy, options.random);
}

interface AppState {
  intervalMs: number;
  dueAt: number;
  failures: number;
  running: boolean;
  /** Asked for again while running: refresh once more right after. */
  again: boolean;
}

/** Creates a scheduler; call `tick()` on a timer (see `nextTickMs()`) and `request()` for pushes. */
export function createPollScheduler(options: PollSchedulerOptions): PollScheduler {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const limit = pLimit(Math.max(1, Math.floor(options.concurrency ?? 4)));
  /** Refreshes started and not yet finished (their follow-up included), for `idle()`. */
  const inFlight = new Set<Promise<void>>();
  const maxBackoffMs = options.maxBackoffMs ?? Math.max(options.intervalMs, 600_000);
  const initialSpreadMs = options.initialSpreadMs ?? Math.min(options.intervalMs, 10_000);
  const onError = options.onError ?? ((name, error) => console.error(`refresh of ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
  const states = new Map<string, AppState>();
  let started = false;

  const intervalOf = (app: SchedulableApp) => (app.refreshSeconds && app.refreshSeconds > 0 ? app.refreshSeconds * 1000 : options.intervalMs);

  function launch(names: readonly string[]): void {
    const revisions = createRevisionMemo();
    for (const name of names) {
      const state = states.get(name);
      if (!state) continue;
      state.running = true;
      state.again = false;
      const refreshing = limit(async () => {
        try {
          return await options.refresh(name, revisions);
        } catch (error) {
          onError(name, error);
          return { unreachable: false };
        }
      }).then((outcome) => {
        state.running = false;
        state.failures = outcome.unreachable ? state.failures + 1 : 0;
        state.dueAt = now() + nextDelayMs({ intervalMs: state.intervalMs, failures: state.failures, maxBackoffMs, random: random() });
        if (state.again && states.get(name) === state) launch([name]);
      });
      inFlight.add(refreshing);
      void refreshing.finally(() => inFlight.delete(refreshing));
    }
  }

  return {
    async tick() {
      const apps = await options.listApps();
      const at = now();
      const seen = new Set<string>();
      for (const app of apps) {
        seen.add(app.name);
        const intervalMs = intervalOf(app);
        const state = states.get(app.name);
        if (!state) {
          const firstDelay = started ? nextDelayMs({ intervalMs, failures: 0, maxBackoffMs, random: random() }) : Math.round(random() * initialSpreadMs);
          states.set(app.name, { intervalMs, dueAt: at + firstDelay, failures: 0, running: false, again: false });
        } else if (state.intervalMs !== intervalMs) {
          state.dueAt = Math.min(state.dueAt, at + intervalMs);
          state.intervalMs = intervalMs;
        }
      }
      for (const name of states.keys()) if (!seen.has(name)) states.delete(name);
      started = true;
      const due = [...states].filter(([, state]) => !state.running && state.dueAt <= at).map(([name]) => name);
      if (due.length > 0) launch(due);
    },
    request(names) {
      const fresh: string[] = [];
      for (const name of names) {
        let state = states.get(name);
        if (!state) {
          state = { intervalMs: options.intervalMs, dueAt: 0, failures: 0, running: false, again: false };
          states.set(name, state);
        }
        state.failures = 0;
        if (state.running) state.again = true;
        else fresh.push(name);
      }
      if (fresh.length > 0) launch(fresh);
    },
    nextTickMs() {
      let shortest = options.intervalMs;
      for (const state of states.values()) shortest = Math.min(shortest, state.intervalMs);
      return Math.min(5_000, Math.max(250, Math.round(shortest / 4)));
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
