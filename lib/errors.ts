import type { FieldError } from "./apps/spec";

/** Base of the errors the API maps to HTTP statuses; their messages are safe to show. */
export class LockstepError extends Error {
  /** The HTTP status a route handler answers with. */
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = new.target.name;
    this.status = status;
  }
}

/** Something named does not exist (404). */
export class NotFoundError extends LockstepError {
  constructor(message: string) {
    super(message, 404);
  }
}

/** The request conflicts with current state: a name taken, an operation running (409). */
export class ConflictError extends LockstepError {
  constructor(message: string) {
    super(message, 409);
  }
}

/** The input is invalid, field by field (422). */
export class ValidationError extends LockstepError {
  readonly fields: FieldError[];
  constructor(fields: FieldError[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join(" "), 422);
    this.fields = fields;
  }
}

/** True for any error whose message and status are meant for the client. */
export function isLockstepError(error: unknown): error is LockstepError {
  return error instanceof LockstepError;
}
