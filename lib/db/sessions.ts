/** Browser sessions, stored by the SHA-256 of their cookie value. */
import type { Db } from "./client";
import { toUserRecord, type UserRecord } from "./users";

/** Browser sessions, on one database. */
export function createSessionsStore(db: Db) {
  /** Stores a session for a user. */
  async function createSession(session: { id: string; userId: string; expiresAt: Date; address?: string }): Promise<void> {
    await db.session.create({ data: session });
  }

  /** The user of a live session, or undefined when it is unknown or expired (expired ones are deleted). */
  async function findSessionUser(id: string): Promise<UserRecord | undefined> {
    const session = await db.session.findUnique({ where: { id }, include: { user: true } });
    if (!session) return undefined;
    if (session.expiresAt.getTime() <= Date.now()) {
      await db.session.deleteMany({ where: { id } });
      return undefined;
    }
    return toUserRecord(session.user);
  }

  /** Ends one session. */
  async function deleteSession(id: string): Promise<void> {
    await db.session.deleteMany({ where: { id } });
  }

  /** Ends every session of a user, except `keep` when given (after a password change). */
  async function deleteUserSessions(userId: string, options: { keep?: string } = {}): Promise<void> {
    await db.session.deleteMany({ where: { userId, ...(options.keep ? { id: { not: options.keep } } : {}) } });
  }

  /** Removes expired sessions. */
  async function deleteExpiredSessions(): Promise<number> {
    const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
    return count;
  }

  return { createSession, findSessionUser, deleteSession, deleteUserSessions, deleteExpiredSessions };
}

/** The sessions store's methods. */
export type SessionsStore = ReturnType<typeof createSessionsStore>;
