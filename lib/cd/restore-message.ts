/** Pure: the commit message of making a rollback permanent. */

/** What the message names. */
export interface RestoreMessageFacts {
  /** The application rolled back. */
  app: string;
  /** The full SHA of the rolled-back revision. */
  revision: string;
  /** The history entry the app was rolled back to. */
  historyId: string;
  /** The restored directory of the repository. */
  path: string;
  /** Who asked: a user name or `token:<name>`. */
  requestedBy: string;
}

/**
 * The commit message: a subject naming the app, the short revision and the history entry,
 * a body saying what was restored, and who asked (the real user or token, never "Lockstep").
 * @example "Make rollback of guestbook to 1a2b3c4 (history #ck9…) permanent\n\nRestores apps/guestbook as it was at 1a2b3c4d….\n\nRequested by alice"
 */
export function restoreCommitMessage(facts: RestoreMessageFacts): string {
  const where = facts.path === "." ? "the repository" : facts.path;
  return [
    `Make rollback of ${facts.app} to ${facts.revision.slice(0, 7)} (history #${facts.historyId}) permanent`,
    `Restores ${where} as it was at ${facts.revision}, by Lockstep.`,
    `Requested by ${facts.requestedBy}`,
  ].join("\n\n");
}
