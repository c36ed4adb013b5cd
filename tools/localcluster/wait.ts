import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { LocalClusterError } from "./errors";
import { lastLogLine } from "./logs";
import type { Daemon } from "./process";

/** Options for {@link waitFor}. */
export interface WaitOptions {
  timeoutMs: number;
  /** Components that must stay alive meanwhile; if one exits, waiting stops with its log. */
  watch: Daemon[];
  /** Directory named in the timeout message. */
  logsDir: string;
}

/** Turns an early exit into one sentence that names the cause and the log file. */
export async function exitedDuringStartup(daemon: Daemon): Promise<LocalClusterError> {
  const { name, logPath } = daemon.spec;
  const log = await readFile(logPath, "utf8").catch(() => "");
  const portInUse = /listen tcp [^:]*:(\d+): bind: address already in use/.exec(log);
  if (portInUse) {
    return new LocalClusterError(
      `${name} could not listen on 127.0.0.1:${portInUse[1]} because another process already uses that port; stop that process and run \`up\` again (log: ${logPath}).`,
    );
  }
  return new LocalClusterError(
    `${name} exited during start-up (${daemon.exitReason()}): "${await lastLogLine(logPath)}"; the full log is ${logPath}.`,
  );
}

/**
 * Polls `check` until it returns true. Errors thrown by `check` count as "not
 * yet" (the component may not be listening yet).
 *
 * @throws LocalClusterError when a watched component exits or the time runs out.
 */
export async function waitFor(what: string, check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    for (const daemon of options.watch) {
      if (daemon.exitReason() !== undefined) throw await exitedDuringStartup(daemon);
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new LocalClusterError(
        `Timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for ${what}; the component logs are in ${options.logsDir}.`,
      );
    }
    await sleep(100);
  }
}
