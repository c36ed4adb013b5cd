import { DomainError, type DomainErrorOptions } from "@/lib/errors";

/** Nobody is signed in, or the credentials are wrong. */
export class UnauthorizedError extends DomainError {
  readonly kind = "unauthenticated";
}

/** The principal is signed in but may not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
}

/** Too many failed sign-ins from this account or address; try again after `retryAfterSeconds`. */
export class TooManyAttemptsError extends DomainError {
  readonly kind = "rate-limited";
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, options: DomainErrorOptions = {}) {
    super(message, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
