/**
 * Managing users (admins only): creating them with a first password they must change,
 * changing roles and grants, resetting passwords, deleting. The last admin cannot be
 * demoted or deleted, so Lockstep never locks everyone out.
 */
import { deleteUserSessions } from "@/lib/db/sessions";
import { countAdmins, createUser, deleteUser, findUser, updateUser, type UserRecord } from "@/lib/db/users";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { z } from "zod";
import { generatePassword, hashPassword } from "./password";
import type { newUserSchema, userUpdateSchema } from "./schemas";

/** A user and, when one was generated, their one-time password. */
export interface UserWithPassword {
  user: UserRecord;
  /** Shown once; the user must change it at first sign-in. */
  generatedPassword?: string;
}

/** Creates a local user; without a password, generates one. Either way it must be changed at first sign-in. */
export async function createLocalUser(input: z.infer<typeof newUserSchema>): Promise<UserWithPassword> {
  const password = input.password ?? generatePassword();
  const user = await createUser({ name: input.name, role: input.role, grants: input.grants, passwordHash: await hashPassword(password), mustChangePassword: true });
  return { user, ...(input.password ? {} : { generatedPassword: password }) };
}

async function refuseLastAdminLoss(name: string): Promise<void> {
  const user = await findUser(name);
  if (!user) throw new NotFoundError(`User "${name}" does not exist.`);
  if (user.role === "admin" && (await countAdmins()) <= 1) throw new ConflictError(`"${name}" is the last admin; make another user admin first.`);
}

/** Changes a user's role or grants, or resets their password. */
export async function changeUser(name: string, input: z.infer<typeof userUpdateSchema>): Promise<UserWithPassword> {
  if (input.role && input.role !== "admin") await refuseLastAdminLoss(name);
  let generatedPassword: string | undefined;
  let user = await updateUser(name, { ...(input.role ? { role: input.role } : {}), ...(input.grants ? { grants: input.grants } : {}) });
  if (input.resetPassword) {
    generatedPassword = generatePassword();
    user = await updateUser(name, { passwordHash: await hashPassword(generatedPassword), mustChangePassword: true });
    await deleteUserSessions(user.id);
  }
  return { user, ...(generatedPassword ? { generatedPassword } : {}) };
}

/** Deletes a user and ends their sessions. */
export async function removeUser(name: string): Promise<void> {
  await refuseLastAdminLoss(name);
  await deleteUser(name);
}
