import { LockstepError } from "@/lib/errors";

/** Nobody is signed in, or the credentials are wrong (401). */
export class UnauthorizedError extends LockstepError {
  constructor(message: string) {
    super(message, 401);
  }
}

/** The principal is signed in but may not do this (403). */
export class ForbiddenError extends LockstepError {
  constructor(message: string) {
    super(message, 403);
  }
}

/** Too many failed sign-ins from this account or address (429); try again after `retryAfterSeconds`. */
export class TooManyAttemptsError extends LockstepError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message, 429);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
