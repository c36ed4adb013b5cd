import { LockstepError } from "@/lib/errors";

/** Options for {@link SetImageError}. */
export interface SetImageErrorOptions {
  /**
   * The HTTP status `POST /api/images` answers with: 422 for bad input, 409 when
   * the branch kept moving, 502 when the Git host failed.
   */
  status: 422 | 409 | 502;
}

/**
 * `set-image` could not do what it was asked; nothing was pushed. The message
 * is one sentence, safe to print (credentials are already removed).
 */
export class SetImageError extends LockstepError {
  constructor(message: string, options: SetImageErrorOptions) {
    super(message, options.status);
  }
}

/** Whether `error` is a {@link SetImageError}. */
export function isSetImageError(error: unknown): error is SetImageError {
  return error instanceof SetImageError;
}
