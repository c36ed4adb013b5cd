/**
 * The engine's error family. Each error names what went wrong in domain terms — its `kind` —
 * and keeps the underlying `cause`; messages are one sentence, safe to show. Only the web edge
 * (`app/api/_shared/respond.ts`) turns a kind into an HTTP status.
 */
import type { FieldError } from "./apps/spec";

/** What kind of failure a {@link DomainError} is. */
export type DomainErrorKind =
  | "not-found"
  | "conflict"
  | "invalid"
  | "unreachable"
  | "refused"
  | "unauthenticated"
  | "forbidden"
  | "rate-limited"
  | "misconfigured";

/** Options every domain error takes. */
export interface DomainErrorOptions {
  /** The error that led to this one, kept for the server log. */
  cause?: unknown;
}

/**
 * The mark every domain error carries. Next.js loads lib/ once per bundle, so an error thrown by
 * the engine (built in one bundle) is not an `instanceof` the classes of another bundle's copy;
 * a symbol from the global registry is the same in every copy.
 */
const DOMAIN_ERROR = Symbol.for("lockstep.domain-error");

/** Base of the errors whose messages are meant for the caller. */
export abstract class DomainError extends Error {
  /** What kind of failure this is. */
  abstract readonly kind: DomainErrorKind;
  readonly [DOMAIN_ERROR] = true;
  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/** Something named does not exist. */
export class NotFoundError extends DomainError {
  readonly kind = "not-found";
}

/** The request conflicts with current state: a name taken, an operation running. */
export class ConflictError extends DomainError {
  readonly kind = "conflict";
}

/** The input is invalid, as a whole (one sentence). */
export class InvalidError extends DomainError {
  readonly kind = "invalid";
}

/** The input is invalid, field by field. */
export class ValidationError extends DomainError {
  readonly kind = "invalid";
  readonly fields: FieldError[];
  constructor(fields: FieldError[], options: DomainErrorOptions = {}) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join(" "), options);
    this.fields = fields;
  }
}

/** A system Lockstep depends on (a cluster, a Git host) could not be reached or failed. */
export class UnreachableError extends DomainError {
  readonly kind = "unreachable";
}

/** A policy (a project, a sync window, automation being off) refuses the request. */
export class RefusedByPolicyError extends DomainError {
  readonly kind = "refused";
}

/** The server is set up wrongly (a key missing or malformed); the message names the setting to fix. */
export class MisconfiguredError extends DomainError {
  readonly kind = "misconfigured";
}

/** True for any error whose message is meant for the caller, whichever copy of this module made it. */
export function isDomainError(error: unknown): error is DomainError {
  return typeof error === "object" && error !== null && (error as { [DOMAIN_ERROR]?: unknown })[DOMAIN_ERROR] === true;
}

/** True for a field-by-field {@link ValidationError}, whichever copy of this module made it. */
export function isValidationError(error: unknown): error is ValidationError {
  return isDomainError(error) && error.kind === "invalid" && Array.isArray((error as { fields?: unknown }).fields);
}

/** True when `error` is a domain error of the given kind. */
export function isErrorOfKind(error: unknown, kind: DomainErrorKind): error is DomainError {
  return isDomainError(error) && error.kind === kind;
}
