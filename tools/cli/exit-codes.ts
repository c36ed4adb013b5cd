/**
 * The CLI's exit codes, one meaning each, so a pipeline can branch on them (`case $?`).
 * Kept in one table because `lockstep --help`, docs/cli.md and the tests all read it.
 */

/** Exit codes by meaning. */
export const EXIT = {
  /** Done: the app is healthy and synced, or the command did what it was asked. */
  ok: 0,
  /** The operation failed, or the server refused the request (not found, conflict, forbidden). */
  failed: 1,
  /** Bad usage: an unknown or malformed flag or argument, or input the server found invalid (422). */
  usage: 2,
  /** The app is Degraded. */
  degraded: 3,
  /** The wait ran out before the app or operation got where it was asked to. */
  timeout: 4,
  /** The server could not be reached, or it refused the token (401). */
  unreachable: 5,
} as const;

/** One exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The help text's table of exit codes. */
export const EXIT_CODES_HELP = `Exit codes:
  0  done: the app is healthy and synced, or the command did what it was asked
  1  the operation failed, or the server refused (not found, forbidden, conflict)
  2  bad usage: an unknown or malformed flag or argument
  3  the app is Degraded
  4  timed out while waiting
  5  the server cannot be reached, or it refused the token
`;

/** The phases in which an operation has ended badly. */
const FAILED_PHASES = new Set(["Failed", "Error"]);

/** The exit code of an ended operation's phase: 1 failed or errored, else 0. */
export function exitCodeOfPhase(phase: string | undefined): ExitCode {
  return phase !== undefined && FAILED_PHASES.has(phase) ? EXIT.failed : EXIT.ok;
}

/** The exit code of an app's health once its operation ended: 3 when Degraded, else 0. */
export function exitCodeOfHealth(health: string | undefined): ExitCode {
  return health === "Degraded" ? EXIT.degraded : EXIT.ok;
}
