/**
 * Waiting on a peer: poll its apps' states until a condition holds for every one named, and
 * answer the moment it was first seen (performance.now()).
 */
import { sleep } from "../lib/stats";
import type { PeerAppState, PeerDriver } from "./driver";

/** Options of {@link waitForApps}. */
export interface WaitForAppsOptions {
  /** What is awaited, for the timeout message, e.g. "Synced at abc1234". */
  what: string;
  timeoutMs: number;
  /** Poll interval. @default 200 */
  intervalMs?: number;
  log?: (line: string) => void;
}

/**
 * Polls `driver.states()` until `done` holds for every app in `names`.
 *
 * @returns performance.now() of the poll that first saw them all done.
 * @throws Error naming how many were done when the time ran out.
 */
export async function waitForApps(driver: PeerDriver, names: readonly string[], done: (state: PeerAppState) => boolean, options: WaitForAppsOptions): Promise<number> {
  const start = performance.now();
  let lastLog = start;
  for (;;) {
    const states = await driver.states();
    const count = names.filter((name) => {
      const state = states.get(name);
      return state !== undefined && done(state);
    }).length;
    const now = performance.now();
    if (count === names.length) return now;
    if (now - start > options.timeoutMs) {
      throw new Error(`${driver.runtime.peer}: only ${count} of ${names.length} apps were ${options.what} after ${Math.round(options.timeoutMs / 1000)} s (logs in ${driver.runtime.logsDir})`);
    }
    if (options.log && now - lastLog > 15_000) {
      options.log(`${driver.runtime.peer}: ${count}/${names.length} ${options.what}`);
      lastLog = now;
    }
    await sleep(options.intervalMs ?? 200);
  }
}
