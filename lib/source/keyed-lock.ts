/**
 * A promise lock per key: tasks for one key run one after another, tasks for
 * different keys run in parallel. Used so concurrent fetches into one mirror
 * never collide inside this process.
 */

/** Runs tasks exclusively per key. */
export interface KeyedLock {
  /** Runs `task` once every earlier task for `key` has settled; resolves or rejects with its outcome. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Creates an empty {@link KeyedLock}; a key's entry is dropped once its queue drains. */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
