/**
 * `lockstep app sync <name> [--wait] [--prune] [--dry-run]`: asks a Lockstep server to sync an
 * application, as the Sync button does, through `POST /api/apps/<name>/sync`. The server
 * comes from `LOCKSTEP_SERVER` and the API token from `LOCKSTEP_TOKEN` (never from a flag,
 * which CI logs echo). Without `--wait` the command ends once the sync is queued.
 */
import { parseArgs } from "node:util";

import type { CliIo } from "./io";

export const APP_SYNC_USAGE = `Usage: lockstep app sync <name> [options]

Asks the Lockstep server to sync an application with Git.

  <name>        the application
  --wait        wait until the sync has ended, and fail when it fails
  --prune       also delete the app's objects that left Git (default: the app's prune policy)
  --dry-run     show what would change without changing anything
  --json        print the operation as JSON

Environment:
  LOCKSTEP_SERVER   the server's URL (default: http://localhost:3000)
  LOCKSTEP_TOKEN    an API token with deployer rights on the app
`;

/** The server used when `LOCKSTEP_SERVER` is not set. */
export const DEFAULT_SERVER = "http://localhost:3000";

const APP_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Thrown for bad usage or input; exit code 2. */
export class UsageError extends Error {}

/** What `app sync` was asked to do. */
export interface AppSyncRequest {
  server: string;
  token: string;
  name: string;
  wait: boolean;
  /** Undefined keeps the app's own prune policy. */
  prune?: boolean;
  dryRun: boolean;
  json: boolean;
}

function readArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        wait: { type: "boolean", default: false },
        prune: { type: "boolean" },
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function serverOf(env: CliIo["env"]): string {
  const server = env.LOCKSTEP_SERVER?.trim() || DEFAULT_SERVER;
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new UsageError(`LOCKSTEP_SERVER must be a URL such as ${DEFAULT_SERVER}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`LOCKSTEP_SERVER must be an http or https URL such as ${DEFAULT_SERVER}.`);
  return server.replace(/\/+$/, "");
}

/**
 * Reads `app sync`'s arguments and environment: the request to send, or "help".
 * @throws UsageError for a missing or malformed name, unknown options, or no token.
 */
export function parseAppSyncArgs(args: readonly string[], env: CliIo["env"]): AppSyncRequest | "help" {
  const { values, positionals } = readArgs(args);
  if (values.help) return "help";
  if (positionals.length !== 1) throw new UsageError("app sync takes exactly one application name.");
  const name = positionals[0]!;
  if (name.length > 63 || !APP_NAME.test(name)) throw new UsageError(`"${name}" is not an application name (lower-case letters, digits and dashes).`);
  const server = serverOf(env);
  const token = env.LOCKSTEP_TOKEN?.trim();
  if (!token) throw new UsageError("LOCKSTEP_TOKEN is required: an API token with deployer rights on the app.");
  return { server, token, name, wait: values.wait, ...(values.prune !== undefined ? { prune: values.prune } : {}), dryRun: values["dry-run"], json: values.json };
}

/** The URL and init of the sync request. */
export function syncHttpRequest(request: AppSyncRequest): { url: string; init: RequestInit } {
  const url = `${request.server}/api/apps/${encodeURIComponent(request.name)}/sync${request.wait ? "?wait=true" : ""}`;
  const body = { dryRun: request.dryRun, ...(request.prune !== undefined ? { prune: request.prune } : {}) };
  return { url, init: { method: "POST", headers: { authorization: `Bearer ${request.token}`, "content-type": "application/json" }, body: JSON.stringify(body) } };
}

interface OperationAnswer {
  id?: string;
  phase?: string;
  message?: string | null;
}

/** The exit code of an operation's phase: 0 succeeded (or still under way), 1 failed. */
export function exitCodeOfPhase(phase: string | undefined): number {
  return phase === "Failed" || phase === "Error" ? 1 : 0;
}

async function errorSentence(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: string; fields?: { field: string; message: string }[] };
    const fields = body.fields?.map((f) => `${f.field}: ${f.message}`).join("; ");
    return [body.error, fields].filter(Boolean).join(" ") || `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

/** Runs `app sync` and resolves with the exit code: 0 succeeded or queued, 1 failed or refused, 2 bad usage or input. */
export async function runAppSync(args: readonly string[], io: CliIo, fetchImpl: typeof fetch = fetch): Promise<number> {
  const fail = (text: string, code: number) => {
    io.stderr.write(`lockstep app sync: ${text}\n`);
    return code;
  };
  let request: AppSyncRequest;
  try {
    const parsed = parseAppSyncArgs(args, io.env);
    if (parsed === "help") {
      io.stdout.write(APP_SYNC_USAGE);
      return 0;
    }
    request = parsed;
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\nRun "lockstep app sync --help" for usage.`, 2);
    throw error;
  }
  const { url, init } = syncHttpRequest(request);
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch (error) {
    return fail(`Cannot reach ${request.server}: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  if (!response.ok) return fail(await errorSentence(response), response.status === 422 ? 2 : 1);
  const operation = (await response.json()) as OperationAnswer;
  if (request.json) io.stdout.write(`${JSON.stringify(operation)}\n`);
  else if (response.status === 202) io.stdout.write(`Sync of ${request.name} queued as operation ${operation.id ?? "?"}; follow it at ${request.server}${response.headers.get("location") ?? ""}.\n`);
  else io.stdout.write(`Sync of ${request.name} ${operation.phase ?? "ended"}${operation.message ? `: ${operation.message}` : "."}\n`);
  const code = exitCodeOfPhase(operation.phase);
  if (code !== 0 && request.json) io.stderr.write(`lockstep app sync: the sync ${operation.phase}${operation.message ? `: ${operation.message}` : "."}\n`);
  return code;
}
