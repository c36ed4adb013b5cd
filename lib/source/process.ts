/**
 * Runs a child process with arguments (never a shell string), a timeout that
 * kills the whole process group — git spawns helpers such as
 * `git-remote-http` that would otherwise outlive it — and captured output.
 */
import { spawn } from "node:child_process";

/** Options for {@link runProcess}. */
export interface RunProcessOptions {
  /** Working directory. */
  cwd?: string;
  /** The complete environment of the child. */
  env: NodeJS.ProcessEnv;
  /** Kill the process (group) after this many milliseconds. */
  timeoutMs: number;
  /** Aborting kills the process (group) as a timeout does. */
  signal?: AbortSignal;
  /** Kill the process (group) once its standard output exceeds this many bytes. */
  maxOutputBytes?: number;
}

/** How a child process ended. */
export interface ProcessResult {
  /** Exit code; `null` when it was killed. */
  exitCode: number | null;
  /** Standard output as UTF-8. */
  stdout: string;
  /** Standard error as UTF-8. */
  stderr: string;
  /** True when it was killed for running longer than `timeoutMs`. */
  timedOut: boolean;
  /** True when it was killed because `signal` aborted. */
  aborted: boolean;
  /** True when it was killed for printing more than `maxOutputBytes`. */
  outputExceeded: boolean;
}

/**
 * Runs `file ...args` to completion and resolves with its output whatever the
 * exit code. Rejects only when the process cannot start (e.g. `ENOENT`).
 */
export function runProcess(file: string, args: readonly string[], options: RunProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    let aborted = false;
    let outputExceeded = false;
    let outputBytes = 0;
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    child.stdout.on("data", (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (options.maxOutputBytes !== undefined && outputBytes > options.maxOutputBytes) {
        if (!outputExceeded) killGroup();
        outputExceeded = true;
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      cleanup();
      reject(error);
    });
    child.on("close", (exitCode) => {
      cleanup();
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        timedOut,
        aborted,
        outputExceeded,
      });
    });
  });
}
