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

import { WorkerCalls } from "@/lib/threads";

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

/** One thread: its calls while its worker runs, and the timer that stops it when idle. */
interface Slot {
  calls?: RenderCalls;
  idleTimer?: NodeJS.Timeout;
}

type RenderCalls = WorkerCalls<Omit<RenderThreadRequest, "id">, RenderThreadReply, Uint8Array>;

/** The render's own error, or the thread's failure. */
function answerOf(reply: RenderThreadReply): Uint8Array {
  if (reply.error) throw reply.error.render ? new RenderError(reply.error.message) : new SourceError(`a render thread failed: ${reply.error.message}`);
  return reply.encoded;
}

/** Builds {@link RenderThreads}; no thread starts before the first render. */
export function createRenderThreads(options: RenderThreadsOptions): RenderThreads {
  const idleMs = options.idleMs ?? RENDER_THREAD_IDLE_MS;
  const slots: Slot[] = Array.from({ length: Math.max(1, Math.floor(options.threads)) }, () => ({}));
  let closed = false;

  /** Stops the slot's thread; `reason` fails the renders it still held. */
  function stop(slot: Slot, reason: Error): Promise<void> | undefined {
    clearTimeout(slot.idleTimer);
    const calls = slot.calls;
    slot.calls = undefined;
    return calls?.close(reason);
  }

  function start(slot: Slot): RenderCalls {
    // The bundler builds the thread's entry from this expression; run from source (the unit
    // tests), the entry is TypeScript, which the process's own loader (tsx) reads in the thread too.
    const worker = new Worker(new URL("./render-worker.ts", import.meta.url), { name: "lockstep-render" });
    const calls: RenderCalls = new WorkerCalls(worker, {
      answer: answerOf,
      failedError: (error) => new SourceError(`a render thread failed: ${error.message}`),
      exitError: (code) => new SourceError(`a render thread stopped (exit code ${code})`),
      onIdle: () => rest(slot),
      onEnd: (error) => {
        if (slot.calls === calls) void stop(slot, error);
      },
    });
    return calls;
  }

  /** Stops the thread after `idleMs` without work (its calls let the process exit meanwhile). */
  function rest(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => void stop(slot, new SourceError("a render thread stopped for want of work")), idleMs);
    slot.idleTimer.unref();
  }

  function leastBusy(): Slot {
    return slots.reduce((best, slot) => ((slot.calls?.size ?? 0) < (best.calls?.size ?? 0) ? slot : best));
  }

  return {
    render(request) {
      if (closed) return Promise.reject(new SourceError("the source is closed"));
      const slot = leastBusy();
      clearTimeout(slot.idleTimer);
      return (slot.calls ??= start(slot)).call({ render: request });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => stop(slot, new SourceError("the source is closed"))));
    },
  };
}
