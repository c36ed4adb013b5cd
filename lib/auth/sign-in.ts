/**
 * Signing in with a password, signing out and changing one's password. Each attempt is counted
 * per account and per address before its password is hashed (see rate-limit.ts), and hashes
 * run a few at a time (password.ts `createPasswordHasher`); an unknown user name costs as much
 * time as a wrong password, and both get the same answer.
 */
import type { UserRecord } from "@/lib/db/users";
import { ValidationError } from "@/lib/errors";
import { sessionLifetimeMs } from "./cookies";
import type { ResolvedAuthDependencies } from "./dependencies";
import { TooManyAttemptsError, UnauthorizedError } from "./errors";
import { newPasswordProblem, type PasswordHasher } from "./password";
import type { Principal } from "./principal";
import type { SignInLimiter } from "./rate-limit";
import { digest, newSessionValue } from "./secrets";

/** A new session: the cookie value (shown to nobody but the browser) and its user. */
export interface NewSession {
  cookieValue: string;
  user: UserRecord;
  expiresAt: Date;
}

function waitText(ms: number): string {
  if (ms < 60_000) {
    const s = Math.max(1, Math.ceil(ms / 1000));
    return `${s} second${s === 1 ? "" : "s"}`;
  }
  const n = Math.ceil(ms / 60_000);
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

/** What sign-in needs beyond the auth dependencies: its limiter and hasher, owned by the Auth object. */
export interface SignInDependencies extends ResolvedAuthDependencies {
  limiter: SignInLimiter;
  hasher: PasswordHasher;
}

/** Sessions and passwords on one database, counting attempts in `limiter` and hashing with `hasher`. */
export function createSignIn({ db, env, clock, limiter, hasher }: SignInDependencies) {
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
   * Checks a user name and password and starts a session. The attempt is admitted (and counted)
   * before anything is awaited, so parallel attempts cannot outrun the count.
   * @throws TooManyAttemptsError while the account or address must wait, or when the server is
   *   busy hashing; UnauthorizedError for a wrong name or password.
   */
  async function signInWithPassword(attempt: PasswordSignIn): Promise<NewSession> {
    const keys = { account: attempt.name.toLowerCase(), address: attempt.address };
    const admission = limiter.admit(keys, clock());
    if (!admission.admitted) {
      throw new TooManyAttemptsError(`Too many failed sign-ins; try again in ${waitText(admission.retryAfterMs)}.`, Math.ceil(admission.retryAfterMs / 1000));
    }
    let found: Awaited<ReturnType<typeof db.users.getUserCredentials>>;
    let valid: boolean;
    try {
      found = await db.users.getUserCredentials(attempt.name);
      valid = found?.passwordHash ? await hasher.verify(attempt.password, found.passwordHash) : await hasher.verifyNothing(attempt.password);
    } catch (error) {
      limiter.notEvaluated(keys);
      throw error;
    }
    if (!found || !valid) throw new UnauthorizedError("Wrong user name or password.");
    limiter.succeeded(keys);
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
    if (!found?.passwordHash || !(await hasher.verify(change.currentPassword, found.passwordHash))) {
      throw new ValidationError([{ field: "currentPassword", message: "The current password is wrong." }]);
    }
    const problem = newPasswordProblem(change.newPassword) ?? (change.newPassword === change.currentPassword ? "The new password must differ from the current one." : undefined);
    if (problem) throw new ValidationError([{ field: "newPassword", message: problem }]);
    const user = await db.users.updateUser(principal.name, { passwordHash: await hasher.hash(change.newPassword), mustChangePassword: false });
    await db.sessions.deleteUserSessions(user.id, principal.sessionId ? { keep: principal.sessionId } : {});
    return user;
  }

  return { startSession, signInWithPassword, signOut, changePassword };
}
