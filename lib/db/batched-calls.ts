/**
 * Calls gathered into batches, for stores whose one statement over many rows costs little more
 * than over one: the first call goes out on the next turn of the event loop, and the calls that
 * arrive meanwhile, or while a batch runs, follow as the next batch. A lone call therefore waits
 * one turn at most, and calls that pile up behind a slow batch share the next one.
 */

/**
 * Runs one batch: answers each item's outcome, in the items' order. A rejection fails every
 * call of the batch with that error.
 */
export type BatchRunner<Item, Result> = (items: Item[]) => Promise<PromiseSettledResult<Result>[]>;

/** Options of {@link createBatchedCalls}. */
export interface BatchedCallsOptions {
  /** The most items one batch takes. @default 64 */
  maxBatch?: number;
}

interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/** A function of one item whose calls `run` answers in batches (see the module's comment). */
export function createBatchedCalls<Item, Result>(run: BatchRunner<Item, Result>, options: BatchedCallsOptions = {}): (item: Item) => Promise<Result> {
  const maxBatch = Math.max(1, Math.floor(options.maxBatch ?? 64));
  const queue: Pending<Item, Result>[] = [];
  let busy = false;

  async function runBatch(batch: Pending<Item, Result>[]): Promise<void> {
    try {
      const outcomes = await run(batch.map((pending) => pending.item));
      batch.forEach((pending, i) => {
        const outcome = outcomes[i];
        if (outcome?.status === "fulfilled") pending.resolve(outcome.value);
        else pending.reject(outcome ? outcome.reason : new Error("The batch answered fewer results than it was given items."));
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, maxBatch));
    } finally {
      busy = false;
    }
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (busy) return;
      busy = true;
      setImmediate(() => void drain());
    });
}
