import { randomUUID } from "node:crypto";
import { link, readFile, rm, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { LocalClusterError } from "./errors";
import { isPidAlive } from "./pid";

/** Options for {@link withFileLock}. */
export interface FileLockOptions {
  /** What the lock protects, used in messages, e.g. "the binary cache". */
  purpose: string;
  /** How long to wait for another process to release the lock. */
  timeoutMs: number;
  /** Called once when the lock is held by another live process. */
  onWait?: (holderPid: number) => void;
}

/**
 * Creates the lock file with our PID in one atomic step: the PID goes into a
 * private file first, which is then hard-linked to the lock path (link fails if
 * the lock exists), so nobody ever reads a half-written lock.
 */
async function tryAcquire(path: string): Promise<boolean> {
  const candidate = `${path}.${process.pid}.${randomUUID()}`;
  await writeFile(candidate, String(process.pid));
  try {
    await link(candidate, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(candidate, { force: true });
  }
}

/**
 * Runs `fn` while holding an exclusive lock file, so two `npm run cluster:up`
 * (or two test runs, or two calls in one process) never build or start at the
 * same time. A lock left by a dead process is taken over.
 */
export async function withFileLock<T>(path: string, options: FileLockOptions, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  while (!(await tryAcquire(path))) {
    const content = await readFile(path, "utf8").catch(() => undefined);
    if (content === undefined) continue;
    const holder = Number.parseInt(content, 10);
    if (!(holder > 0) || !isPidAlive(holder)) {
      if ((await readFile(path, "utf8").catch(() => undefined)) === content) await rm(path, { force: true });
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
