/**
 * Signing in with a password, signing out and changing one's password. Failed sign-ins are
 * counted per account and per address (see rate-limit.ts); an unknown user name costs as much
 * time as a wrong password, and both get the same answer.
 */
import type { UserRecord } from "@/lib/db/users";
import { ValidationError } from "@/lib/errors";
import { sessionLifetimeMs } from "./cookies";
import type { ResolvedAuthDependencies } from "./dependencies";
import { TooManyAttemptsError, UnauthorizedError } from "./errors";
import { hashPassword, newPasswordProblem, verifyNothing, verifyPassword } from "./password";
import type { Principal } from "./principal";
import type { SignInLimiters } from "./rate-limit";
import { digest, newSessionValue } from "./secrets";

/** A new session: the cookie value (shown to nobody but the browser) and its user. */
export interface NewSession {
  cookieValue: string;
  user: UserRecord;
  expiresAt: Date;
}

function minutes(ms: number): string {
  const n = Math.max(1, Math.ceil(ms / 60_000));
  return `${n} minute${n === 1 ? "" : "s"}`;
}

/** What a password sign-in needs. */
export interface PasswordSignIn {
  name: string;
  password: string;
  /** The client's address, for per-address limiting. */
  address: string;
}

/** What a password change needs. */
export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** Sessions and passwords on one database, counting failures in `limiters`. */
export function createSignIn({ db, env, clock, limiters }: ResolvedAuthDependencies & { limiters: SignInLimiters }) {
  /** Starts a session for a user who proved who they are (password or single sign-on). */
  async function startSession(user: UserRecord, options: { address?: string } = {}): Promise<NewSession> {
    await db.sessions.deleteExpiredSessions();
    const cookieValue = newSessionValue();
    const expiresAt = new Date(clock() + sessionLifetimeMs(env));
    await db.sessions.createSession({ id: digest(cookieValue), userId: user.id, expiresAt, ...(options.address ? { address: options.address } : {}) });
    await db.users.updateUser(user.name, { lastSignInAt: new Date(clock()) });
    return { cookieValue, user, expiresAt };
  }

  /**
   * Checks a user name and password and starts a session.
   * @throws TooManyAttemptsError when the account or address failed too often recently;
   *   UnauthorizedError for a wrong name or password.
   */
  async function signInWithPassword(attempt: PasswordSignIn): Promise<NewSession> {
    const accountKey = attempt.name.toLowerCase();
    const now = clock();
    const wait = Math.max(limiters.account.retryAfterMs(accountKey, now), limiters.address.retryAfterMs(attempt.address, now));
    if (wait > 0) {
      throw new TooManyAttemptsError(`Too many failed sign-ins; try again in ${minutes(wait)}.`, Math.ceil(wait / 1000));
    }
    const found = await db.users.getUserCredentials(attempt.name);
    const valid = found?.passwordHash ? await verifyPassword(attempt.password, found.passwordHash) : await verifyNothing(attempt.password);
    if (!found || !valid) {
      limiters.account.recordFailure(accountKey, clock());
      limiters.address.recordFailure(attempt.address, clock());
      throw new UnauthorizedError("Wrong user name or password.");
    }
    limiters.account.reset(accountKey);
    return startSession(found.user, { address: attempt.address });
  }

  /** Ends the session whose cookie value is given (nothing happens for an unknown one). */
  async function signOut(cookieValue: string): Promise<void> {
    await db.sessions.deleteSession(digest(cookieValue));
  }

  /**
   * Changes a signed-in user's password after checking the current one; clears the duty to
   * change it and ends the user's other sessions.
   * @throws ValidationError for a wrong current password or an unacceptable new one.
   */
  async function changePassword(principal: Principal, change: PasswordChange): Promise<UserRecord> {
    if (principal.kind !== "user") throw new ValidationError([{ field: "(body)", message: "Only a signed-in user can change their password." }]);
    const found = await db.users.getUserCredentials(principal.name);
    if (!found?.passwordHash || !(await verifyPassword(change.currentPassword, found.passwordHash))) {
      throw new ValidationError([{ field: "currentPassword", message: "The current password is wrong." }]);
    }
    const problem = newPasswordProblem(change.newPassword) ?? (change.newPassword === change.currentPassword ? "The new password must differ from the current one." : undefined);
    if (problem) throw new ValidationError([{ field: "newPassword", message: problem }]);
    const user = await db.users.updateUser(principal.name, { passwordHash: await hashPassword(change.newPassword), mustChangePassword: false });
    await db.sessions.deleteUserSessions(user.id, principal.sessionId ? { keep: principal.sessionId } : {});
    return user;
  }

  return { startSession, signInWithPassword, signOut, changePassword };
}
