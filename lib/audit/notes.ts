/**
 * What the audit log will say about a request still being answered. The proxy opens a note
 * for every mutating request (who, what, which app, from where); a server action may refine
 * it (its own action name, the app, a failure it answered with); when the response is done,
 * the request hook appends the note to the audit log with the HTTP status.
 *
 * Notes are keyed by the request id the request stamp puts on every request, and held by the
 * Audit object (see audit.ts), which the proxy, route handlers, server actions and
 * instrumentation share within the one server process.
 */
import type { AuditEntryRecord } from "@/lib/db/audit";

/** The audit log's view of a request in progress. */
export interface AuditNote {
  actor: string;
  actorKind: AuditEntryRecord["actorKind"];
  action: string;
  app: string | null;
  method: string;
  path: string;
  address: string | null;
  /** Set when the outcome is known before the status (a denial, a server action's failure). */
  result?: AuditEntryRecord["result"];
  detail?: string;
}

/** The notes of requests in progress, in memory. */
export function createAuditNotes() {
  const notes = new Map<string, AuditNote>();

  /** Opens the note of a request. */
  function openAuditNote(requestId: string, note: AuditNote): void {
    notes.set(requestId, note);
  }

  /** Refines the note of a request, if it has one; returns whether it had. */
  function refineAuditNote(requestId: string, change: Partial<AuditNote>): boolean {
    const note = notes.get(requestId);
    if (!note) return false;
    notes.set(requestId, { ...note, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) });
    return true;
  }

  /** Removes and returns the note of a finished request. */
  function takeAuditNote(requestId: string): AuditNote | undefined {
    const note = notes.get(requestId);
    notes.delete(requestId);
    return note;
  }

  return { openAuditNote, refineAuditNote, takeAuditNote };
}

export { resultOfStatus } from "./results";
