import type { OperationRecord, ResourceResult } from "@/lib/db/operations";
import type { HookPhase } from "@/lib/types";
import type { EngineContext } from "./context";
import { isSameResult, type ResultSink } from "./execute";

/** Shortest time between two writes (and announcements) of one operation's progress. */
const FLUSH_INTERVAL_MS = 250;

/**
 * The results of a running operation as they come in, from however many applies run at once,
 * and the sync phase it is in (stored at once, as is a hook's end).
 * The first result and then the results of every 250 ms are stored in one write (so the page
 * and the API show progress without a database write per resource), which also reads whether
 * someone asked to terminate the operation meanwhile, and are announced on the event bus (so
 * open pages refresh), each event carrying the count so far and the latest resource. `settle`
 * announces the last ones. A termination seen in the database (asked of another process) is
 * handed to `onTerminated`, which aborts the operation's in-flight work.
 */
export class OperationProgress implements ResultSink {
  /** Results so far, in the order the resources were handled. */
  readonly results: ResourceResult[] = [];
  /** How many resources the plan changes, once planned (each progress event carries it). */
  total: number | null = null;
  /** Who asked to terminate the operation, once a write has seen it. */
  terminatedBy: string | null = null;
  /** The sync phase the operation is in, once it entered one. */
  syncPhase: HookPhase | undefined;
  private published = 0;
  private flushedAt = 0;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly ctx: Pick<EngineContext, "db" | "events" | "clock">,
    private readonly operation: OperationRecord,
    private readonly appName: string,
    private readonly onTerminated: (who: string) => void,
  ) {}

  /** Records a result without a round trip, for resources that needed no work. */
  note(result: ResourceResult): void {
    this.results.push(result);
  }

  /** Records a result of real work, storing progress (and reading termination) when due. */
  async record(result: ResourceResult): Promise<void> {
    this.results.push(result);
    if (!this.flushing && this.ctx.clock.now() - this.flushedAt >= FLUSH_INTERVAL_MS) await this.flush();
  }

  /** Replaces an earlier result (a hook that finished) and stores the change at once. */
  async update(result: ResourceResult): Promise<void> {
    const at = this.results.findIndex((earlier) => isSameResult(earlier, result));
    if (at >= 0) this.results[at] = result;
    else this.results.push(result);
    await this.flush();
  }

  /** Records the sync phase the operation entered, at once. */
  async phase(phase: HookPhase): Promise<void> {
    this.syncPhase = phase;
    await this.flush();
  }

  /** Stores the results so far and reads whether someone asked to terminate the operation. */
  private async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushedAt = this.ctx.clock.now();
    this.flushing = this.ctx.db.operations
      .recordProgress(this.operation.id, [...this.results], this.syncPhase)
      .then(({ terminatedBy }) => {
        this.terminatedBy = terminatedBy;
        if (terminatedBy) this.onTerminated(terminatedBy);
        this.announce();
      })
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
  }

  /** Announces the latest progress if the last results were not announced yet. */
  settle(): void {
    if (this.published < this.results.length) this.announce();
  }

  private announce(): void {
    const last = this.results.at(-1);
    this.published = this.results.length;
    this.ctx.events.publish({
      type: "operation",
      app: this.appName,
      detail: {
        id: this.operation.id,
        phase: this.terminatedBy ? "Terminating" : "Running",
        done: this.results.length,
        total: this.total ?? this.operation.resourceCount,
        ...(this.syncPhase ? { syncPhase: this.syncPhase } : {}),
        ...(last ? { subject: last.subject, action: last.action } : {}),
      },
    });
  }

  /** Adds a line to the operation's log (a retry, a note). */
  async log(message: string): Promise<void> {
    await this.ctx.db.operations.appendOperationLog(this.operation.id, message);
  }
}
