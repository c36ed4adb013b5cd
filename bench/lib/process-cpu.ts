/**
 * CPU time of a process tree from /proc/<pid>/stat (Linux): user and system time of each live
 * process plus what its reaped children used (cutime, cstime), so a repo-server's git and
 * kustomize runs count towards it.
 */
import { readFile } from "node:fs/promises";
import { processTree } from "./process-memory";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

async function cpuTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After the name: state is field 3, so utime (14), stime (15), cutime (16), cstime (17) are at 11..14.
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
}

/** CPU milliseconds used so far by `pid` and its descendants (including reaped children). */
export async function readTreeCpuMs(pid: number): Promise<number> {
  const pids = await processTree(pid);
  const ticks = await Promise.all(pids.map(cpuTicks));
  return (ticks.reduce((a, b) => a + b, 0) * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds used so far by several process trees together. */
export async function readTreesCpuMs(pids: readonly number[]): Promise<number> {
  return (await Promise.all(pids.map(readTreeCpuMs))).reduce((a, b) => a + b, 0);
}
