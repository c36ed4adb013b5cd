/** Browser sessions, stored by the SHA-256 of their cookie value. */
import { getDb } from "./client";
import type { UserRecord } from "./users";
import { findUserById } from "./users";

/** Stores a session for a user. */
export async function createSession(session: { id: string; userId: string; expiresAt: Date; address?: string }): Promise<void> {
  await (await getDb()).session.create({ data: session });
}

/** The user of a live session, or undefined when it is unknown or expired (expired ones are deleted). */
export async function findSessionUser(id: string): Promise<UserRecord | undefined> {
  const db = await getDb();
  const session = await db.session.findUnique({ where: { id } });
  if (!session) return undefined;
  if (session.expiresAt.getTime() <= Date.now()) {
    await db.session.deleteMany({ where: { id } });
    return undefined;
  }
  return findUserById(session.userId);
}

/** Ends one session. */
export async function deleteSession(id: string): Promise<void> {
  await (await getDb()).session.deleteMany({ where: { id } });
}

/** Ends every session of a user, except `keep` when given (after a password change). */
export async function deleteUserSessions(userId: string, options: { keep?: string } = {}): Promise<void> {
  await (await getDb()).session.deleteMany({ where: { userId, ...(options.keep ? { id: { not: options.keep } } : {}) } });
}

/** Removes expired sessions. */
export async function deleteExpiredSessions(): Promise<number> {
  const { count } = await (await getDb()).session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  return count;
}
