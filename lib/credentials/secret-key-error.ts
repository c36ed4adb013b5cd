import { MisconfiguredError } from "@/lib/errors";

/**
 * The encryption key for stored credentials is missing, malformed, or not the
 * one a credential was encrypted with. Messages name the setting to fix
 * and never contain key material, so they are safe to show an administrator.
 */
export class SecretKeyError extends MisconfiguredError {}

/** Whether `error` is a {@link SecretKeyError}. */
export function isSecretKeyError(error: unknown): error is SecretKeyError {
  return error instanceof SecretKeyError;
}
