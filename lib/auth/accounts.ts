/**
 * Managing users (admins only): creating them with a first password they must change,
 * changing roles and grants, resetting passwords, deleting. The last admin cannot be
 * demoted or deleted, so Lockstep never locks everyone out.
 */
import type { UserRecord } from "@/lib/db/users";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { z } from "zod";
import type { ResolvedAuthDependencies } from "./dependencies";
import { generatePassword, type PasswordHasher } from "./password";
import type { newUserSchema, userUpdateSchema } from "./schemas";

/** A user and, when one was generated, their one-time password. */
export interface UserWithPassword {
  user: UserRecord;
  /** Shown once; the user must change it at first sign-in. */
  generatedPassword?: string;
}

/** User management on one database. */
export function createAccounts({ db, hasher }: Pick<ResolvedAuthDependencies, "db"> & { hasher: PasswordHasher }) {
  /** Creates a local user; without a password, generates one. Either way it must be changed at first sign-in. */
  async function createLocalUser(input: z.infer<typeof newUserSchema>): Promise<UserWithPassword> {
    const password = input.password ?? generatePassword();
    const user = await db.users.createUser({ name: input.name, role: input.role, grants: input.grants, projects: input.projects, passwordHash: await hasher.hash(password), mustChangePassword: true });
    return { user, ...(input.password ? {} : { generatedPassword: password }) };
  }

  async function refuseLastAdminLoss(name: string): Promise<void> {
    const user = await db.users.findUser(name);
    if (!user) throw new NotFoundError(`User "${name}" does not exist.`);
    if (user.role === "admin" && (await db.users.countAdmins()) <= 1) throw new ConflictError(`"${name}" is the last admin; make another user admin first.`);
  }

  /** Changes a user's role, grants or project limit, or resets their password. */
  async function changeUser(name: string, input: z.infer<typeof userUpdateSchema>): Promise<UserWithPassword> {
    if (input.role && input.role !== "admin") await refuseLastAdminLoss(name);
    let generatedPassword: string | undefined;
    let user = await db.users.updateUser(name, {
      ...(input.role ? { role: input.role } : {}),
      ...(input.grants ? { grants: input.grants } : {}),
      ...(input.projects !== undefined ? { projects: input.projects } : {}),
    });
    if (input.resetPassword) {
      generatedPassword = generatePassword();
      user = await db.users.updateUser(name, { passwordHash: await hasher.hash(generatedPassword), mustChangePassword: true });
      await db.sessions.deleteUserSessions(user.id);
    }
    return { user, ...(generatedPassword ? { generatedPassword } : {}) };
  }

  /** Deletes a user and ends their sessions. */
  async function removeUser(name: string): Promise<void> {
    await refuseLastAdminLoss(name);
    await db.users.deleteUser(name);
  }

  return { createLocalUser, changeUser, removeUser };
}
