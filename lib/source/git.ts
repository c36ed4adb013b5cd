/**
 * The one way `lib/source` runs the real `git` CLI: arguments as an array, a
 * timeout, no prompts, and failures turned into a {@link GitError} whose
 * message has every credential redacted.
 */
import { GitError } from "./git-error";
import { gitEnv } from "./git-env";
import { runProcess, type ProcessResult } from "./process";
import { redactCredentials } from "./redact";
import { secretsOfAuth, type RepoAuth } from "./repo-auth";
import type { RepoCredentials } from "./repo-url";
import { withSshKey } from "./ssh-command";

/** How long a git command may run unless told otherwise: 60 s. */
export const DEFAULT_GIT_TIMEOUT_MS = 60_000;

/** Options shared by every operation that runs git. */
export interface GitCommandOptions {
  /**
   * Kill git after this many milliseconds.
   * @default 60_000
   */
  timeoutMs?: number;
  /** Aborting kills git. */
  signal?: AbortSignal;
}

/** Options for {@link execGit} and {@link runGit}. */
export interface RunGitOptions extends GitCommandOptions {
  /** Repository to run in (`--git-dir`); omit for `ls-remote`. */
  gitDir?: string;
  /** Working directory. */
  cwd?: string;
  /** Credentials for an HTTP(S) remote. */
  credentials?: RepoCredentials;
  /** Credentials for the remote, basic or SSH key (see `authenticateRemote`); `credentials` wins for basic. */
  auth?: RepoAuth;
  /** Extra environment variables. */
  env?: Readonly<Record<string, string>>;
}

/** Runs `git ...args` and resolves with its result whatever the exit code. */
export async function execGit(args: readonly string[], options: RunGitOptions = {}): Promise<ProcessResult> {
  const fullArgs = options.gitDir ? [`--git-dir=${options.gitDir}`, ...args] : [...args];
  const credentials = options.credentials ?? options.auth?.basic;
  const run = (sshEnv: Record<string, string> = {}) =>
    runProcess("git", fullArgs, {
      cwd: options.cwd,
      env: gitEnv({ credentials, extra: { ...sshEnv, ...options.env } }),
      timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
      signal: options.signal,
    });
  try {
    return await (options.auth?.ssh ? withSshKey(options.auth.ssh, run) : run());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GitError(`cannot run git: ${reason}`, { command: args[0] ?? "", exitCode: null, timedOut: false });
  }
}

/**
 * Runs `git ...args` and resolves with its trimmed stdout; rejects with a
 * {@link GitError} when git fails, times out or is aborted.
 */
export async function runGit(args: readonly string[], options: RunGitOptions = {}): Promise<string> {
  const result = await execGit(args, options);
  if (result.exitCode !== 0 || result.timedOut || result.aborted) throw toGitError(args[0] ?? "", result, options);
  return result.stdout.trim();
}

/** Describes a failed git run in one redacted message. */
export function toGitError(command: string, result: ProcessResult, options: RunGitOptions = {}): GitError {
  const details = { command, exitCode: result.exitCode, timedOut: result.timedOut };
  if (result.timedOut) {
    const seconds = Math.round((options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS) / 1000);
    return new GitError(`git ${command} timed out after ${seconds} s`, details);
  }
  if (result.aborted) return new GitError(`git ${command} was cancelled`, details);
  const secrets = [...secretsOf(options.credentials), ...secretsOfAuth(options.auth)];
  const stderr = redactCredentials(result.stderr.trim(), { secrets });
  return new GitError(`git ${command} failed: ${stderr || `exit code ${result.exitCode}`}`, details);
}

/** The strings to scrub: the password, or the user name when it is a token standing alone. */
function secretsOf(credentials: RepoCredentials | undefined): string[] {
  if (!credentials) return [];
  const secret = credentials.password || credentials.username;
  return secret.length >= 4 ? [secret] : [];
}
