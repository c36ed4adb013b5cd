/** The shapes of the sign-in, user and token requests, checked with zod. */
import { z } from "zod";
import { APP_GLOB } from "./globs";
import { MAX_PASSWORD_LENGTH } from "./password";
import { ROLES } from "./roles";

const USER_NAME = /^[a-z0-9]([a-z0-9._@-]{0,62}[a-z0-9])?$/;

/** A user name: lowercase letters, digits, `.`, `_`, `@` and `-`, at most 64 characters. */
export const userNameSchema = z
  .string({ error: "User name is required." })
  .trim()
  .toLowerCase()
  .min(1, { message: "User name is required.", abort: true })
  .regex(USER_NAME, "User name must be 1 to 64 lowercase letters, digits, '.', '_', '@' or '-', starting and ending with a letter or digit.");

const password = (what: string) => z.string({ error: `${what} is required.` }).min(1, `${what} is required.`).max(MAX_PASSWORD_LENGTH, `${what} is too long.`);

/** App name globs such as `web` or `team-a-*`. */
export const appGlobsSchema = z.array(z.string().regex(APP_GLOB, "Each app pattern must be an app name, where * and ? may stand for characters.")).max(100);

/** Project names an account is limited to: its role then applies to their apps only. */
export const accountProjectsSchema = z
  .array(z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "Each project must be a project name."))
  .min(1, "List at least one project, or leave projects out for no limit.")
  .max(100);

/** Body of `POST /api/auth/login`. */
export const signInSchema = z.object({ username: z.string().trim().toLowerCase().min(1, "User name is required.").max(64), password: password("Password") });

/** Body of `POST /api/auth/password`. */
export const passwordChangeSchema = z.object({ currentPassword: password("Current password"), newPassword: password("New password") });

/** Body of `POST /api/users`. */
export const newUserSchema = z.object({
  name: userNameSchema,
  role: z.enum(ROLES, { error: "Role must be viewer, deployer or admin." }),
  grants: appGlobsSchema.default([]),
  /** Projects the user is limited to; absent or null for no limit. */
  projects: accountProjectsSchema.nullable().default(null),
  /** An initial password; generated and answered once when absent. Must be changed at first sign-in. */
  password: password("Password").optional(),
});

/** Body of `PATCH /api/users/[user]`. */
export const userUpdateSchema = z.object({
  role: z.enum(ROLES, { error: "Role must be viewer, deployer or admin." }).optional(),
  grants: appGlobsSchema.optional(),
  /** Projects the user is limited to; null lifts the limit. */
  projects: accountProjectsSchema.nullable().optional(),
  /** True generates a new password, answered once, to be changed at next sign-in. */
  resetPassword: z.boolean().optional(),
});

/** Body of `POST /api/tokens`. */
export const newTokenSchema = z.object({
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(64, "Name must be at most 64 characters."),
  role: z.enum(ROLES, { error: "Role must be viewer, deployer or admin." }),
  /** App globs the token is limited to; absent or null for every app. */
  apps: appGlobsSchema.min(1, "List at least one app, or leave apps out for every app.").nullable().default(null),
  /** Projects the token is limited to (its role applies to their apps only); absent or null for no limit. */
  projects: accountProjectsSchema.nullable().default(null),
  expiresInDays: z.number({ error: "Expiry must be a number of days." }).int().min(1, "Expiry must be 1 to 366 days.").max(366, "Expiry must be 1 to 366 days.").default(90),
});
