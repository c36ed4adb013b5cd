/**
 * lib/threads — what the project's worker threads share: `WorkerCalls`, the calls by number
 * over one worker that the render threads (lib/source) and the SQLite thread (lib/db) make.
 */
export { WorkerCalls, type WorkerCallsOptions } from "./worker-calls";
