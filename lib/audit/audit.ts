/**
 * The audit room as one object: the notes of requests in progress and the log they end in,
 * on the database it is built from. Anonymous requests are throttled to one row per address
 * and action a minute (anonymous-throttle.ts), and entries older than the retention are
 * deleted by a daily sweep this object owns (retention.ts).
 */
import type { DatabaseStores } from "@/lib/db/database";
import { createAnonymousThrottle, withSuppressedCount, type AnonymousThrottleOptions } from "./anonymous-throttle";
import { createAuditNotes, resultOfStatus } from "./notes";
import { DEFAULT_AUDIT_RETENTION_DAYS, retentionCutoff, SWEEP_INTERVAL_MS } from "./retention";

/** True for a sign-in attempt whose password was checked (not turned away by the limiter): the trail every guess must leave. */
function isEvaluatedSignIn(action: string, status: number): boolean {
  return action === "auth.login" && status !== 429;
}

/** What an Audit is built from. */
export interface AuditDependencies {
  /** The audit log's store; a whole `Database` will do. */
  db: Pick<DatabaseStores, "audit">;
  /** How many days entries are kept. @default 90 (see `auditRetentionDays`) */
  retentionDays?: number;
  /** The anonymous-request throttle's window and size. */
  anonymous?: AnonymousThrottleOptions;
  /** The current time in milliseconds. @default Date.now */
  clock?: () => number;
  /** Where a failed sweep is reported. @default console.error */
  logError?: (message: string) => void;
}

/** Builds an Audit: its own notes, appending to and listing `db`'s audit log. */
export function createAudit({ db, retentionDays = DEFAULT_AUDIT_RETENTION_DAYS, anonymous = {}, clock = Date.now, logError = (message) => console.error(message) }: AuditDependencies) {
  const notes = createAuditNotes();
  const throttle = createAnonymousThrottle({ clock, ...anonymous });
  let sweepTimer: ReturnType<typeof setInterval> | undefined;

  /**
   * Appends the note of a finished request, if one was opened, with the status sent; 0 when
   * the connection closed before the answer was complete. Returns whether it appended; an
   * anonymous request within a minute of a recorded one like it is only counted — except a
   * sign-in whose password was checked, which is always recorded (the limiter bounds those).
   */
  async function recordResponse(requestId: string, status: number): Promise<boolean> {
    const note = notes.takeAuditNote(requestId);
    if (!note) return false;
    let detail = note.detail ?? (status === 0 ? "The connection closed before the answer was complete." : null);
    if (note.actorKind === "anonymous" && !isEvaluatedSignIn(note.action, status)) {
      const decision = throttle.decide(note.address ?? "unknown", note.action);
      if (!decision.record) return false;
      detail = withSuppressedCount(detail, decision.suppressed);
    }
    await db.audit.appendAuditEntry({ ...note, result: note.result ?? resultOfStatus(status), status, detail });
    return true;
  }

  /** Deletes the entries older than the retention; answers how many. */
  function sweepExpiredEntries(): Promise<number> {
    return db.audit.deleteAuditEntriesBefore(retentionCutoff(clock(), retentionDays));
  }

  /** Sweeps now and then daily until {@link stopRetentionSweep}; a second call changes nothing. */
  function startRetentionSweep(): void {
    if (sweepTimer) return;
    const sweep = () => {
      sweepExpiredEntries().catch((error: unknown) => logError(`Could not delete expired audit entries: ${error instanceof Error ? error.message : String(error)}`));
    };
    sweepTimer = setInterval(sweep, SWEEP_INTERVAL_MS);
    sweepTimer.unref();
    sweep();
  }

  /** Stops the daily sweep. */
  function stopRetentionSweep(): void {
    clearInterval(sweepTimer);
    sweepTimer = undefined;
  }

  return {
    ...notes,
    recordResponse,
    sweepExpiredEntries,
    startRetentionSweep,
    stopRetentionSweep,
    appendAuditEntry: db.audit.appendAuditEntry,
    listAuditEntries: db.audit.listAuditEntries,
  };
}

/** The audit room: see {@link createAudit}. */
export type Audit = ReturnType<typeof createAudit>;
