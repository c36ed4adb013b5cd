/**
 * Render threads: directory renders (reading the files, parsing the YAML, settling and encoding
 * the objects) run on worker threads, so that when a push changes many apps at once the
 * server's own thread is left to compare, diff and store while another core renders. A thread
 * starts on the first render it is given and stops after a while without work, so an idle
 * server holds no extra heap; a thread that dies fails only the renders it held, and the next
 * render starts a new one.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

import type { DirectoryRenderRequest } from "./directory-render";
import { RenderError } from "./render-error";
import type { RenderThreadReply, RenderThreadRequest } from "./render-thread-messages";
import { SourceError } from "./source-error";

/** How long a thread without work is kept, in milliseconds. */
export const RENDER_THREAD_IDLE_MS = 30_000;

/** Directory renders on worker threads; see {@link createRenderThreads}. */
export interface RenderThreads {
  /**
   * The settled objects of a directory render, encoded as the render cache keeps them.
   * @throws RenderError for every problem with the files; SourceError when the thread failed or the threads are closed.
   */
  render(request: DirectoryRenderRequest): Promise<Uint8Array>;
  /** Stops every thread; renders under way fail and later ones are refused. */
  close(): Promise<void>;
}

/** Options of {@link createRenderThreads}. */
export interface RenderThreadsOptions {
  /** Threads at most (at least 1). */
  threads: number;
  /** How long a thread without work is kept. @default {@link RENDER_THREAD_IDLE_MS} */
  idleMs?: number;
}

/** One less than the cores, between 1 and 4: the server's own thread keeps a core. */
export function defaultRenderThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface Waiting {
  resolve: (encoded: Uint8Array) => void;
  reject: (error: Error) => void;
}

/** One thread: its worker while it runs, and the renders it holds. */
interface Slot {
  worker?: Worker;
  waiting: Map<number, Waiting>;
  idleTimer?: NodeJS.Timeout;
}

/** Builds {@link RenderThreads}; no thread starts before the first render. */
export function createRenderThreads(options: RenderThreadsOptions): RenderThreads {
  const idleMs = options.idleMs ?? RENDER_THREAD_IDLE_MS;
  const slots: Slot[] = Array.from({ length: Math.max(1, Math.floor(options.threads)) }, () => ({ waiting: new Map() }));
  let nextId = 1;
  let closed = false;

  function failAll(slot: Slot, error: Error): void {
    const waiting = [...slot.waiting.values()];
    slot.waiting.clear();
    for (const { reject } of waiting) reject(error);
  }

  function stop(slot: Slot): Promise<number> | undefined {
    clearTimeout(slot.idleTimer);
    const worker = slot.worker;
    slot.worker = undefined;
    return worker?.terminate();
  }

  function start(slot: Slot): Worker {
    // The bundler builds the thread's entry from this expression; run from source (the unit
    // tests), the entry is TypeScript, which the process's own loader (tsx) reads in the thread too.
    const worker = new Worker(new URL("./render-worker.ts", import.meta.url), { name: "lockstep-render" });
    worker.on("message", (reply: RenderThreadReply) => settle(slot, reply));
    worker.on("error", (error) => {
      if (slot.worker === worker) void stop(slot);
      failAll(slot, new SourceError(`a render thread failed: ${error.message}`));
    });
    worker.on("exit", (code) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      failAll(slot, new SourceError(`a render thread stopped (exit code ${code})`));
    });
    return worker;
  }

  function settle(slot: Slot, reply: RenderThreadReply): void {
    const waiting = slot.waiting.get(reply.id);
    if (!waiting) return;
    slot.waiting.delete(reply.id);
    if (reply.error) waiting.reject(reply.error.render ? new RenderError(reply.error.message) : new SourceError(`a render thread failed: ${reply.error.message}`));
    else waiting.resolve(reply.encoded);
    if (slot.waiting.size === 0) rest(slot);
  }

  /** Lets the process exit while the thread has no work, and stops it after `idleMs`. */
  function rest(slot: Slot): void {
    slot.worker?.unref();
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => void stop(slot), idleMs);
    slot.idleTimer.unref();
  }

  function leastBusy(): Slot {
    return slots.reduce((best, slot) => (slot.waiting.size < best.waiting.size ? slot : best));
  }

  return {
    render(request) {
      if (closed) return Promise.reject(new SourceError("the source is closed"));
      const slot = leastBusy();
      clearTimeout(slot.idleTimer);
      const worker = (slot.worker ??= start(slot));
      worker.ref();
      const id = nextId++;
      return new Promise<Uint8Array>((resolve, reject) => {
        slot.waiting.set(id, { resolve, reject });
        worker.postMessage({ id, render: request } satisfies RenderThreadRequest);
      });
    },
    async close() {
      closed = true;
      for (const slot of slots) failAll(slot, new SourceError("the source is closed"));
      await Promise.all(slots.map(stop));
    },
  };
}
