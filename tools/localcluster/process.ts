import { execFile, spawn } from "node:child_process";
import { open, readFile, readlink, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { isPidAlive } from "./pid";

const execFileAsync = promisify(execFile);

/** How to start one long-running component. */
export interface DaemonSpec {
  /** Component name, used in messages and file names. */
  name: string;
  /** Absolute path of the binary. */
  binary: string;
  args: string[];
  /** Working directory. */
  cwd: string;
  /** File receiving stdout and stderr (appended). */
  logPath: string;
  /** File receiving the PID. */
  pidPath: string;
}

/** A component started by this process. */
export interface Daemon {
  spec: DaemonSpec;
  pid: number;
  /** How the process ended (`exit code 1`, `signal SIGKILL`), or undefined while it runs. */
  exitReason(): string | undefined;
}

/**
 * Starts a component detached from this process (its own session, output to
 * its log file), so it outlives `npm run cluster:up`, and records its PID.
 */
export async function startDaemon(spec: DaemonSpec): Promise<Daemon> {
  const log = await open(spec.logPath, "a");
  let exitReason: string | undefined;
  try {
    const child = spawn(spec.binary, spec.args, {
      cwd: spec.cwd,
      detached: true,
      stdio: ["ignore", log.fd, log.fd],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("spawn", () => resolve(child.pid as number));
    });
    child.once("exit", (code, signal) => (exitReason = code === null ? `signal ${signal}` : `exit code ${code}`));
    child.unref();
    await writeFile(spec.pidPath, `${pid}\n`);
    return { spec, pid, exitReason: () => exitReason };
  } finally {
    await log.close();
  }
}

/** Reads a PID file; undefined when it is missing or malformed. */
export async function readPidFile(path: string): Promise<number | undefined> {
  const text = await readFile(path, "utf8").catch(() => "");
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function linuxExecutable(pid: number): Promise<string> {
  return (await readlink(`/proc/${pid}/exe`)).replace(/ \(deleted\)$/, "");
}

async function portableCommand(pid: number): Promise<string | undefined> {
  const { stdout } = await execFileAsync("ps", ["-p", String(pid), "-o", "command="]);
  return stdout.trim() || undefined;
}

/**
 * True when `pid` is a live process running `binary`. Guards against PID reuse,
 * so a stale PID file never makes us signal an unrelated process.
 */
export async function isProcessOf(pid: number, binary: string): Promise<boolean> {
  if (!isPidAlive(pid)) return false;
  try {
    if (process.platform === "linux") return (await linuxExecutable(pid)) === binary;
    return (await portableCommand(pid))?.startsWith(binary) ?? false;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, binary: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isProcessOf(pid, binary))) return true;
    await sleep(50);
  }
  return !(await isProcessOf(pid, binary));
}

/**
 * Stops `pid` if it still runs `binary`: SIGTERM, then SIGKILL after `graceMs`.
 *
 * @returns false when there was nothing to stop.
 */
export async function stopProcess(pid: number, binary: string, graceMs = 10_000): Promise<boolean> {
  if (!(await isProcessOf(pid, binary))) return false;
  process.kill(pid, "SIGTERM");
  if (await waitUntilGone(pid, binary, graceMs)) return true;
  process.kill(pid, "SIGKILL");
  await waitUntilGone(pid, binary, 5_000);
  return true;
}
