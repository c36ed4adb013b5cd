import { appendOperationLog, recordProgress, type OperationRecord, type ResourceResult } from "@/lib/db/operations";
import { publish } from "@/lib/events/bus";

/** Shortest time between two progress events of one operation, so open pages are not flooded. */
const PUBLISH_INTERVAL_MS = 250;

/**
 * The results of a running operation as they come in: each one is stored (so the page and the
 * API show progress resource by resource) and answered with whether someone asked to terminate
 * the operation meanwhile. Progress is announced on the event bus (so open pages refresh) at
 * most every 250 ms, each event carrying the count so far and the latest resource; `settle`
 * announces the last one.
 */
export class OperationProgress {
  /** Results so far, in the order the resources were handled. */
  readonly results: ResourceResult[] = [];
  /** Who asked to terminate the operation, once someone did. */
  terminatedBy: string | null = null;
  private publishedAt = 0;
  private published = 0;

  constructor(
    private readonly operation: OperationRecord,
    private readonly appName: string,
  ) {}

  /** Records a result without a round trip, for resources that needed no work. */
  note(result: ResourceResult): void {
    this.results.push(result);
  }

  /** Records a result of real work, publishes it, and returns false when the operation must stop. */
  async record(result: ResourceResult): Promise<boolean> {
    this.results.push(result);
    return this.flush(result);
  }

  /** Stores the results so far and checks for termination; returns false when the operation must stop. */
  async flush(last?: ResourceResult): Promise<boolean> {
    const { terminatedBy } = await recordProgress(this.operation.id, this.results);
    this.terminatedBy = terminatedBy;
    if (terminatedBy || Date.now() - this.publishedAt >= PUBLISH_INTERVAL_MS) this.announce(last);
    return terminatedBy === null;
  }

  /** Announces the latest progress if the last results were not announced yet. */
  settle(): void {
    if (this.published < this.results.length) this.announce(this.results.at(-1));
  }

  private announce(last: ResourceResult | undefined): void {
    this.publishedAt = Date.now();
    this.published = this.results.length;
    publish({
      type: "operation",
      app: this.appName,
      detail: {
        id: this.operation.id,
        phase: this.terminatedBy ? "Terminating" : "Running",
        done: this.results.length,
        total: this.operation.resourceCount,
        ...(last ? { subject: last.subject, action: last.action } : {}),
      },
    });
  }

  /** Adds a line to the operation's log (a retry, a note). */
  async log(message: string): Promise<void> {
    await appendOperationLog(this.operation.id, message);
  }
}
