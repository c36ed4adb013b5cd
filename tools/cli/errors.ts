/**
 * The CLI's errors: each carries the exit code it ends the command with, so commands throw and
 * the entry point alone prints and exits (as ky's error family carries its response).
 */
import { EXIT, type ExitCode } from "./exit-codes";

/** An error that ends a command with `exitCode` after printing its one-sentence message. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad usage: an unknown or malformed flag or argument; exit code 2, with a pointer to `--help`. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** The server cannot be reached or refused the token; exit code 5. */
export class ServerUnreachableError extends CliError {
  constructor(message: string) {
    super(message, EXIT.unreachable);
  }
}

/** The server answered an error: its sentence and status; 422 is bad usage (2), 401 an auth failure (5), the rest failures (1). */
export class ApiError extends CliError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message, status === 401 ? EXIT.unreachable : status === 422 ? EXIT.usage : EXIT.failed);
  }
}

/** A wait ran out; exit code 4. */
export class WaitTimeoutError extends CliError {
  constructor(message: string) {
    super(message, EXIT.timeout);
  }
}

/** True for the CLI's own errors (as opposed to bugs). */
export function isCliError(error: unknown): error is CliError {
  return error instanceof CliError;
}

/** The exit code an error ends a command with: its own, or 1 for anything unexpected. */
export function exitCodeOf(error: unknown): ExitCode {
  return isCliError(error) ? error.exitCode : EXIT.failed;
}
