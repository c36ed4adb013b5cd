/**
 * Calls over one worker thread: each request goes out with a number, and the reply carrying
 * that number settles its call, in whatever order the replies come. The worker keeps the
 * process alive only while a call waits for its reply, and when it throws or exits every
 * waiting call fails, as do the calls made after.
 */
import type { Worker } from "node:worker_threads";

/** Options of {@link WorkerCalls}: what replies and a worker's end mean to its user. */
export interface WorkerCallsOptions<Reply, Value> {
  /** The value a reply answers its call with; throws the error the call fails with instead. */
  answer(reply: Reply): Value;
  /** The error waiting and later calls fail with when the worker throws (its `error` event). */
  failedError(error: Error): Error;
  /** The error waiting and later calls fail with when the worker exits on its own. */
  exitError(exitCode: number): Error;
  /** Called each time the last waiting call has been answered. @default nothing */
  onIdle?(): void;
  /**
   * Called once when the worker throws or exits before {@link WorkerCalls.close}, with the error
   * its calls failed with. @default nothing
   */
  onEnd?(error: Error): void;
}

interface Waiting<Value> {
  resolve: (value: Value) => void;
  reject: (error: unknown) => void;
}

/**
 * The calls waiting on one worker, by number. Requests are posted as `{ ...body, id }`; the
 * worker answers each with a message that has the same `id`. Replies with a number no call
 * waits for (one that already failed) are ignored.
 */
export class WorkerCalls<Body extends object, Reply extends { id: number }, Value> {
  private readonly waiting = new Map<number, Waiting<Value>>();
  private nextId = 1;
  private ended: Error | undefined;

  /** Takes over `worker`'s messages, errors and exit, and lets the process exit while nothing waits. */
  constructor(
    private readonly worker: Worker,
    private readonly options: WorkerCallsOptions<Reply, Value>,
  ) {
    worker.on("message", (reply: Reply) => this.settle(reply));
    worker.on("error", (error) => this.end(options.failedError(error)));
    worker.on("exit", (code) => this.end(options.exitError(code)));
    worker.unref();
  }

  /** How many calls wait for their reply. */
  get size(): number {
    return this.waiting.size;
  }

  /**
   * Posts `body` with the next number and answers what the reply carries.
   * @throws the error of {@link WorkerCallsOptions.answer}, or the worker's end, or the error it was closed with.
   */
  call(body: Body): Promise<Value> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise<Value>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id });
    });
  }

  /** Fails every waiting and later call with `error`, then stops the worker. */
  async close(error: Error): Promise<void> {
    this.failAll(error);
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    try {
      waiting.resolve(this.options.answer(reply));
    } catch (error) {
      waiting.reject(error);
    }
    if (this.waiting.size > 0) return;
    this.worker.unref();
    this.options.onIdle?.();
  }

  private end(error: Error): void {
    if (this.ended) return;
    this.failAll(error);
    this.options.onEnd?.(error);
  }

  private failAll(error: Error): void {
    this.ended ??= error;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const { reject } of waiting) reject(error);
  }
}
