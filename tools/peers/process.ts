/**
 * Starting and stopping a peer's processes: each one detached with its own environment and a
 * log file, stopped only by the pid this module started, as tools/localcluster does.
 */
import { spawn } from "node:child_process";
import { open, realpath } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { isProcessOf, stopProcess } from "../localcluster/process";
import { lastLogLine } from "../localcluster/logs";
import { PeerError } from "./errors";

/** How to start one process of a peer. */
export interface PeerProcessSpec {
  /** Component name, e.g. `argocd-repo-server`; names the log file. */
  name: string;
  binary: string;
  args: string[];
  /** Variables added to this process's environment. */
  env: Record<string, string>;
  cwd: string;
  logPath: string;
}

/** A running process of a peer. */
export interface PeerProcess {
  spec: PeerProcessSpec;
  pid: number;
  /** The file `/proc/<pid>/exe` names (the binary with symlinks resolved), checked before a signal. */
  exe: string;
  /** How it ended, or undefined while it runs. */
  exitReason(): string | undefined;
}

/** Starts one process detached (own session, output appended to its log). */
export async function startPeerProcess(spec: PeerProcessSpec): Promise<PeerProcess> {
  const exe = await realpath(spec.binary);
  const log = await open(spec.logPath, "a");
  let exitReason: string | undefined;
  try {
    const child = spawn(spec.binary, spec.args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, detached: true, stdio: ["ignore", log.fd, log.fd] });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("spawn", () => resolve(child.pid as number));
    });
    child.once("exit", (code, signal) => (exitReason = code === null ? `signal ${signal}` : `exit code ${code}`));
    child.unref();
    return { spec, pid, exe, exitReason: () => exitReason };
  } finally {
    await log.close();
  }
}

/** Stops the processes (SIGTERM, then SIGKILL after 10 s), only while each pid still runs its binary. */
export async function stopPeerProcesses(processes: readonly PeerProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.exitReason() === undefined && (await isProcessOf(p.pid, p.exe))) await stopProcess(p.pid, p.exe);
    }),
  );
}

/**
 * Polls `check` (errors count as "not yet") until it answers true.
 *
 * @throws PeerError when one of `watch` exits (quoting its log) or after `timeoutMs`.
 */
export async function waitUntil(what: string, check: () => Promise<boolean>, options: { timeoutMs: number; watch: readonly PeerProcess[] }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    for (const p of options.watch) {
      const reason = p.exitReason();
      if (reason !== undefined) throw new PeerError(`${p.spec.name} exited (${reason}) while waiting for ${what}: "${await lastLogLine(p.spec.logPath)}"; its log is ${p.spec.logPath}.`);
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new PeerError(`Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${what}; the logs are next to ${options.watch[0]?.spec.logPath ?? "the work directory"}.`);
    await sleep(200);
  }
}

/** True when an HTTP GET of `url` answers 2xx. */
export async function answersOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return response.ok;
}
