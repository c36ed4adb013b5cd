/**
 * Waiting on the server, printing progress as it happens: an operation until it ends, or an
 * app until it is healthy and/or synced. Both poll (every second by default), as kubectl
 * rollout status does, and end with a WaitTimeoutError (exit code 4) when the time runs out;
 * the server goes on with the operation either way.
 */
import type { AppJson, OperationJson } from "./api-types";
import { ACTIVE_PHASES } from "./api-types";
import { type CommandContext, nowOf, sleepFor } from "./context";
import { formatDuration } from "./duration";
import { WaitTimeoutError } from "./errors";
import { EXIT, type ExitCode } from "./exit-codes";
import { appPath, type LockstepClient } from "./http-client";
import { appProgressLines, appStateLine, operationProgressLines } from "./progress";
import type { CliIo } from "./io";

/** Options of the waits. */
export interface WaitOptions {
  timeoutMs: number;
  /** Where progress lines go. */
  progress: CliIo["stdout"];
}

function say(stream: CliIo["stdout"], lines: readonly string[]): void {
  for (const line of lines) stream.write(`${line}\n`);
}

/**
 * Polls an operation until it has ended, printing each change once; resolves with the ended
 * operation. `first` is what the request that queued it answered.
 * @throws WaitTimeoutError when `timeoutMs` passes first.
 */
export async function waitForOperation(client: LockstepClient, app: string, first: OperationJson, options: WaitOptions, context: CommandContext): Promise<OperationJson> {
  const deadline = nowOf(context) + options.timeoutMs;
  let last = first;
  say(options.progress, operationProgressLines(undefined, first));
  while (ACTIVE_PHASES.has(last.phase)) {
    if (nowOf(context) >= deadline) {
      throw new WaitTimeoutError(`Timed out after ${formatDuration(options.timeoutMs)} waiting for ${last.kind} ${last.id} of ${app} (still ${last.phase}); it goes on on the server.`);
    }
    await sleepFor(context, Math.min(context.pollMs ?? 1000, Math.max(0, deadline - nowOf(context))));
    const next = await client.get<OperationJson>(appPath(app, `/operations/${encodeURIComponent(last.id)}`));
    say(options.progress, operationProgressLines(last, next));
    last = next;
  }
  return last;
}

/** What `app wait` waits for. */
export interface AppCondition {
  health: boolean;
  sync: boolean;
}

/** True when the app is where `condition` asks. */
export function isAppReady(app: AppJson, condition: AppCondition): boolean {
  return (!condition.health || app.status.healthStatus === "Healthy") && (!condition.sync || app.status.syncStatus === "Synced");
}

/**
 * Polls an app until it is Healthy (with `health`) and Synced (with `sync`), printing each change
 * of its state; resolves with the exit code (0, or 3 as soon as a health wait sees it Degraded)
 * and the app as last read.
 * @throws WaitTimeoutError when `timeoutMs` passes first.
 */
export async function waitForApp(client: LockstepClient, name: string, condition: AppCondition, options: WaitOptions, context: CommandContext): Promise<{ code: ExitCode; app: AppJson }> {
  const deadline = nowOf(context) + options.timeoutMs;
  let last: AppJson | undefined;
  for (;;) {
    const app = await client.get<AppJson>(appPath(name));
    say(options.progress, appProgressLines(last, app));
    last = app;
    if (isAppReady(app, condition)) return { code: EXIT.ok, app };
    if (condition.health && app.status.healthStatus === "Degraded") return { code: EXIT.degraded, app };
    if (nowOf(context) >= deadline) throw new WaitTimeoutError(`Timed out after ${formatDuration(options.timeoutMs)} waiting for ${appStateLine(app)}; wanted ${[condition.sync ? "Synced" : "", condition.health ? "Healthy" : ""].filter(Boolean).join(" and ")}.`);
    await sleepFor(context, Math.min(context.pollMs ?? 1000, Math.max(0, deadline - nowOf(context))));
  }
}
