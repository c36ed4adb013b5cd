import { appendOperationLog, recordProgress, type OperationRecord, type ResourceResult } from "@/lib/db/operations";
import { publish } from "@/lib/events/bus";

/**
 * The results of a running operation as they come in: each one is stored (so the page and the
 * API show progress resource by resource), announced on the event bus (so open pages refresh),
 * and answered with whether someone asked to terminate the operation meanwhile.
 */
export class OperationProgress {
  /** Results so far, in the order the resources were handled. */
  readonly results: ResourceResult[] = [];
  /** Who asked to terminate the operation, once someone did. */
  terminatedBy: string | null = null;

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
    publish({
      type: "operation",
      app: this.appName,
      detail: {
        id: this.operation.id,
        phase: terminatedBy ? "Terminating" : "Running",
        done: this.results.length,
        total: this.operation.resourceCount,
        ...(last ? { subject: last.subject, action: last.action } : {}),
      },
    });
    return terminatedBy === null;
  }

  /** Adds a line to the operation's log (a retry, a note). */
  async log(message: string): Promise<void> {
    await appendOperationLog(this.operation.id, message);
  }
}
