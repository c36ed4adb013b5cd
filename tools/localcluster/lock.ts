import { open, readFile, rm } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { LocalClusterError } from "./errors";

/** Options for {@link withFileLock}. */
export interface FileLockOptions {
  /** What the lock protects, used in messages, e.g. "the binary cache". */
  purpose: string;
  /** How long to wait for another process to release the lock. */
  timeoutMs: number;
  /** Called once when the lock is held by another live process. */
  onWait?: (holderPid: number) => void;
}

/** True when a process with this PID exists (it may belong to another user). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function tryAcquire(path: string): Promise<boolean> {
  try {
    const handle = await open(path, "wx");
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function readHolder(path: string): Promise<number | undefined> {
  const text = await readFile(path, "utf8").catch(() => "");
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Runs `fn` while holding an exclusive lock file, so two `npm run cluster:up`
 * (or two test runs) never build or start at the same time. A lock left by a
 * dead process is taken over.
 */
export async function withFileLock<T>(path: string, options: FileLockOptions, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  while (!(await tryAcquire(path))) {
    const holder = await readHolder(path);
    if (holder === undefined || holder === process.pid || !isPidAlive(holder)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new LocalClusterError(
        `Process ${holder} has held the lock on ${options.purpose} for too long; wait for it to finish or stop it, then retry (lock file: ${path}).`,
      );
    }
    if (!announced) options.onWait?.(holder);
    announced = true;
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}
