/**
 * What a waiting command prints as it happens: each change of an operation's phase, its sync
 * phase, and each resource's result (and hook state) once, as Argo CD's `app wait` lists
 * resources as they settle; and each change of an app's sync and health. Pure: the caller
 * keeps the last snapshot and prints the lines for the next one.
 */
import type { AppJson, OperationJson, ResourceResultJson } from "./api-types";

function resultKey(result: ResourceResultJson): string {
  return result.hook ? `${result.hook.phase} ${result.subject}` : result.subject;
}

function resultLine(result: ResourceResultJson): string {
  const what = result.hook ? `hook ${result.hook.phase} ${result.subject} ${result.hook.state}` : `${result.action.padEnd(10)} ${result.subject}`;
  return `  ${what}${result.message ? `: ${result.message}` : ""}`;
}

/**
 * The lines that tell what changed from `previous` (undefined before the first poll) to `next`:
 * the phase, the sync phase, then each new or changed resource result in the order the
 * operation lists them.
 */
export function operationProgressLines(previous: OperationJson | undefined, next: OperationJson): string[] {
  const lines: string[] = [];
  if (next.phase !== previous?.phase) lines.push(`${next.kind} ${next.id}: ${next.phase}${next.message && next.phase !== "Running" ? ` (${next.message})` : ""}`);
  if (next.syncPhase && next.syncPhase !== previous?.syncPhase) lines.push(`  phase ${next.syncPhase}`);
  const before = new Map((previous?.results ?? []).map((r) => [resultKey(r), resultLine(r)]));
  for (const result of next.results) {
    const line = resultLine(result);
    if (before.get(resultKey(result)) !== line) lines.push(line);
  }
  return lines;
}

/** The app's sync and health in one line, e.g. `web: OutOfSync, Progressing`. */
export function appStateLine(app: AppJson): string {
  return `${app.name}: ${app.status.syncStatus}, ${app.status.healthStatus}`;
}

/** The line for `next` when its sync or health changed since `previous`, else none. */
export function appProgressLines(previous: AppJson | undefined, next: AppJson): string[] {
  const changed = !previous || previous.status.syncStatus !== next.status.syncStatus || previous.status.healthStatus !== next.status.healthStatus;
  return changed ? [appStateLine(next)] : [];
}
