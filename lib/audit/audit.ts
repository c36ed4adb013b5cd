/**
 * The audit room as one object: the notes of requests in progress and the log they end in,
 * on the database it is built from.
 */
import type { DatabaseStores } from "@/lib/db/database";
import { createAuditNotes, resultOfStatus } from "./notes";

/** What an Audit is built from. */
export interface AuditDependencies {
  /** The audit log's store; a whole `Database` will do. */
  db: Pick<DatabaseStores, "audit">;
}

/** Builds an Audit: its own notes, appending to and listing `db`'s audit log. */
export function createAudit({ db }: AuditDependencies) {
  const notes = createAuditNotes();

  /**
   * Appends the note of a finished request, if one was opened, with the status sent; 0 when
   * the connection closed before the answer was complete. Returns whether it appended.
   */
  async function recordResponse(requestId: string, status: number): Promise<boolean> {
    const note = notes.takeAuditNote(requestId);
    if (!note) return false;
    const detail = note.detail ?? (status === 0 ? "The connection closed before the answer was complete." : null);
    await db.audit.appendAuditEntry({ ...note, result: note.result ?? resultOfStatus(status), status, detail });
    return true;
  }

  return {
    ...notes,
    recordResponse,
    appendAuditEntry: db.audit.appendAuditEntry,
    listAuditEntries: db.audit.listAuditEntries,
  };
}

/** The audit room: see {@link createAudit}. */
export type Audit = ReturnType<typeof createAudit>;
