/**
 * Resident memory of a process and its descendants, read from /proc (Linux), as `ps` reads it.
 */
import { readdir, readFile } from "node:fs/promises";

/** Memory of a process tree, in bytes. */
export interface TreeMemory {
  /** Sum of VmRSS over the process and its descendants. */
  rssBytes: number;
  /** Sum of VmHWM (peak resident size) over the same processes. */
  peakRssBytes: number;
  /** The pids counted. */
  pids: number[];
}

async function statusField(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  if (!stat) return undefined;
  const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(afterName[1]);
}

/** The pid and every descendant of it. */
export async function processTree(root: number): Promise<number[]> {
  const pids = (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const parents = new Map<number, number>();
  await Promise.all(pids.map(async (pid) => {
    const parent = await parentOf(pid);
    if (parent !== undefined) parents.set(pid, parent);
  }));
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!tree.has(pid) && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** Resident and peak memory of `pid` and its descendants (git or kustomize children included while they run). */
export async function readTreeMemory(pid: number): Promise<TreeMemory> {
  const pids = await processTree(pid);
  const [rss, peak] = await Promise.all([
    Promise.all(pids.map((p) => statusField(p, "VmRSS"))),
    Promise.all(pids.map((p) => statusField(p, "VmHWM"))),
  ]);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return { rssBytes: sum(rss), peakRssBytes: sum(peak), pids };
}
