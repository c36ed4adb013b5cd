/**
 * A concurrency limit for work that arrives over time (unlike `mapLimit`,
 * which takes a fixed list): at most `limit` tasks run at once, the rest wait
 * in arrival order.
 */

/** Runs tasks at most `limit` at a time. */
export interface Limiter {
  /** Runs `task` once a slot is free; resolves or rejects with its outcome. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once nothing runs and nothing waits. */
  idle(): Promise<void>;
}

/** Creates a {@link Limiter} with `limit` slots (at least one). */
export function createLimiter(limit: number): Limiter {
  const slots = Math.max(1, Math.floor(limit));
  const waiting: (() => void)[] = [];
  const idleWaiters: (() => void)[] = [];
  let running = 0;

  /** Hands the slot to the next waiting task, or frees it. */
  const release = () => {
    const next = waiting.shift();
    if (next) return next();
    running -= 1;
    if (running === 0) for (const resolve of idleWaiters.splice(0)) resolve();
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < slots) running += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
