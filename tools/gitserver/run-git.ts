/**
 * Runs the real `git` CLI as a child process and returns its output. Every
 * fixture operation goes through here so the environment is always hermetic.
 */
import { spawn } from "node:child_process";

import { isolatedGitEnv, toSpawnEnv, type GitEnv } from "./git-env";

/** Options for {@link runGit} and {@link runGitForResult}. */
export interface RunGitOptions {
  /** Working directory (a bare repository for plumbing commands). */
  cwd?: string;
  /** Extra environment merged over {@link isolatedGitEnv}. */
  env?: GitEnv;
  /** Bytes written to the child's stdin, which is then closed. */
  input?: string | Uint8Array;
}

/** What a finished `git` process produced. */
export interface GitResult {
  /** Exit code; `null` when the process was killed by a signal. */
  exitCode: number | null;
  /** Standard output, decoded as UTF-8. */
  stdout: string;
  /** Standard error, decoded as UTF-8. */
  stderr: string;
}

/** A `git` command exited with a non-zero status. */
export class GitCommandError extends Error {
  /** The subcommand and arguments, e.g. `["update-ref", "refs/heads/main", …]`. */
  readonly args: readonly string[];
  /** The result of the failed process. */
  readonly result: GitResult;

  constructor(args: readonly string[], result: GitResult) {
    super(`git ${args[0] ?? ""} failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
    this.name = "GitCommandError";
    this.args = args;
    this.result = result;
  }
}

/** Whether `error` is a {@link GitCommandError}. */
export function isGitCommandError(error: unknown): error is GitCommandError {
  return error instanceof GitCommandError;
}

/** Runs `git ...args` and resolves with its result whatever the exit code. */
export function runGitForResult(args: readonly string[], options: RunGitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", [...args], {
      cwd: options.cwd,
      env: toSpawnEnv({ ...isolatedGitEnv(), ...options.env }),
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (exitCode) =>
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** Runs `git ...args` and resolves with its trimmed stdout; rejects with {@link GitCommandError} on failure. */
export async function runGit(args: readonly string[], options: RunGitOptions = {}): Promise<string> {
  const result = await runGitForResult(args, options);
  if (result.exitCode !== 0) throw new GitCommandError(args, result);
  return result.stdout.trim();
}
