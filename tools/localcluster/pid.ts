import { readFileSync } from "node:fs";

/** The state letter from `/proc/<pid>/stat` (Linux only), e.g. `S`, `R` or `Z` for a zombie. */
export function linuxProcessState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.charAt(stat.lastIndexOf(")") + 2) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when a process with this PID exists and is not a zombie. Killed
 * processes whose parent has not reaped them yet count as dead.
 */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (process.platform !== "linux") return true;
  const state = linuxProcessState(pid);
  return state !== "Z" && state !== "X";
}
