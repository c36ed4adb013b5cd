/**
 * The app commands that change something: `app sync`, `app rollback` (and `--commit`, which
 * makes it permanent in Git) and `app terminate`. With `--wait` they print the operation's
 * progress as it happens and exit by its outcome: 0 succeeded (and not Degraded), 1 failed,
 * 3 Degraded, 4 timed out.
 */
import type { AppJson, OperationJson, RollbackCommitJson } from "./api-types";
import { ACTIVE_PHASES } from "./api-types";
import { parseAppName, parseOutput, parseResource, parseTimeout, readArgs, SERVER_OPTIONS, takePositionals, type OutputFormat } from "./args";
import { type Command, type CommandContext, connect, printAnswer, progressStream } from "./context";
import { CliError, UsageError } from "./errors";
import { EXIT, exitCodeOfHealth, exitCodeOfPhase, type ExitCode } from "./exit-codes";
import { appPath, type LockstepClient } from "./http-client";
import { shortSha } from "./output";
import { waitForOperation } from "./wait";

/** How long `--wait` waits when `--timeout` is not given. */
export const DEFAULT_WAIT_MS = 5 * 60_000;

const COMMON_HELP = `  --server <url>      the server (default: LOCKSTEP_SERVER, then the one "lockstep login" saved)
  -o, --output <fmt>  table (default), json or yaml: the operation as the API answers it
`;

const WAIT_HELP = `  --wait              wait for the end, printing each phase and resource result as it comes
  --timeout <dur>     how long --wait waits, e.g. 90s or 5m (default: 5m); exit 4 when it runs out
`;

const SYNC_USAGE = `Usage: lockstep app sync <name> [--prune] [--dry-run] [--resource <r>]… [--wait [--timeout <dur>]] [options]

Asks the server to sync the application with Git, as the Sync button does.

  --prune             also delete the app's objects that left Git (default: the app's prune policy)
  --dry-run           show what would change without changing anything
  --resource <r>      sync only this resource, as group/kind/namespace/name (the core group and a
                      cluster-scoped namespace empty: /ConfigMap/web/settings); may be repeated
${WAIT_HELP}${COMMON_HELP}`;

const ROLLBACK_USAGE = `Usage: lockstep app rollback <name> <historyId> [--wait [--timeout <dur>]] [--commit] [options]

Re-applies the manifests of an earlier successful history entry (see "app history") and
pauses automated sync, as the Roll back button does.

${WAIT_HELP}  --commit            then make it permanent: commit the rolled-back files to the config
                      repository (implies --wait) and print the commit
  --prune             also delete objects the entry did not have
${COMMON_HELP}                      (with --commit: { rollback, commit })
`;

const TERMINATE_USAGE = `Usage: lockstep app terminate <name> [options]

Terminates the application's queued or running operation; it stops before its next
resource and ends Failed.

${COMMON_HELP}`;

/** An operation's outcome: its exit code, the operation as last read, and a sentence saying it. */
interface Outcome {
  code: ExitCode;
  operation: OperationJson;
  summary: string;
}

/**
 * Waits for a queued operation when asked, printing its progress, and answers the outcome: the
 * operation's exit code (1 when it failed), else 3 when the app ended Degraded.
 */
async function follow(client: LockstepClient, name: string, queued: OperationJson, options: { wait: boolean; timeoutMs: number; format: OutputFormat }, context: CommandContext): Promise<Outcome> {
  if (!options.wait) {
    const summary = `${queued.kind} of ${name} queued as operation ${queued.id}; follow it with "lockstep app wait ${name}" or "lockstep app history ${name}".`;
    return { code: EXIT.ok, operation: queued, summary };
  }
  const ended = await waitForOperation(client, name, queued, { timeoutMs: options.timeoutMs, progress: progressStream(context, options.format) }, context);
  const failed = exitCodeOfPhase(ended.phase);
  const health = failed === EXIT.ok && !ended.dryRun ? (await client.get<AppJson>(appPath(name))).status.healthStatus : undefined;
  const code = failed !== EXIT.ok ? failed : exitCodeOfHealth(health);
  const said = ended.message ? `: ${ended.message}${/[.!?]$/.test(ended.message) ? "" : "."}` : ".";
  const summary = `${ended.kind} ${ended.id} of ${name} ${ended.phase}${said}${health ? ` The app is ${health}.` : ""}`;
  return { code, operation: ended, summary };
}

/** Prints an outcome: its sentence for people, the operation for -o json|yaml (and the sentence on stderr when it failed). */
function printOutcome(context: CommandContext, format: OutputFormat, outcome: Outcome): void {
  printAnswer(context, format, outcome.operation, () => `${outcome.summary}\n`);
  if (format !== "table" && outcome.code !== EXIT.ok) context.io.stderr.write(`${outcome.summary}\n`);
}

async function runSync(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = readArgs(args, {
    ...SERVER_OPTIONS,
    prune: { type: "boolean" },
    "dry-run": { type: "boolean", default: false },
    resource: { type: "string", multiple: true },
    wait: { type: "boolean", default: false },
    timeout: { type: "string" },
  });
  if (values.help) return help(context, SYNC_USAGE);
  const [nameText] = takePositionals(positionals, "app sync", ["name"]);
  const name = parseAppName(nameText!);
  const format = parseOutput(values.output);
  const resources = (values.resource ?? []).map(parseResource);
  if (values.timeout !== undefined && !values.wait) throw new UsageError("--timeout is only for --wait.");
  const timeoutMs = parseTimeout(values.timeout, DEFAULT_WAIT_MS);
  const client = await connect(context, values);
  const body = { dryRun: values["dry-run"], resources, ...(values.prune !== undefined ? { prune: values.prune } : {}) };
  const { body: queued } = await client.post<OperationJson>(appPath(name, "/sync"), body);
  const outcome = await follow(client, name, queued, { wait: values.wait, timeoutMs, format }, context);
  printOutcome(context, format, outcome);
  return outcome.code;
}

async function runRollback(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = readArgs(args, {
    ...SERVER_OPTIONS,
    prune: { type: "boolean" },
    wait: { type: "boolean", default: false },
    timeout: { type: "string" },
    commit: { type: "boolean", default: false },
  });
  if (values.help) return help(context, ROLLBACK_USAGE);
  const [nameText, historyId] = takePositionals(positionals, "app rollback", ["name", "historyId"]);
  const name = parseAppName(nameText!);
  const format = parseOutput(values.output);
  const wait = values.wait || values.commit;
  if (values.timeout !== undefined && !wait) throw new UsageError("--timeout is only for --wait.");
  const timeoutMs = parseTimeout(values.timeout, DEFAULT_WAIT_MS);
  const client = await connect(context, values);
  const body = { operationId: historyId!, ...(values.prune !== undefined ? { prune: values.prune } : {}) };
  const { body: queued } = await client.post<OperationJson>(appPath(name, "/rollback"), body);
  const outcome = await follow(client, name, queued, { wait, timeoutMs, format }, context);
  if (!values.commit || exitCodeOfPhase(outcome.operation.phase) !== EXIT.ok) {
    printOutcome(context, format, outcome);
    if (values.commit) context.io.stderr.write("The rollback did not succeed, so nothing was committed.\n");
    return outcome.code;
  }
  if (format === "table") printOutcome(context, format, outcome);
  const { body: commit } = await client.post<RollbackCommitJson>(appPath(name, "/rollback/commit"));
  printAnswer(context, format, { rollback: outcome.operation, commit }, () => `Committed ${shortSha(commit.commit)} (history entry ${commit.historyId}): ${commit.message}\n`);
  return outcome.code;
}

async function runTerminate(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = readArgs(args, SERVER_OPTIONS);
  if (values.help) return help(context, TERMINATE_USAGE);
  const [nameText] = takePositionals(positionals, "app terminate", ["name"]);
  const name = parseAppName(nameText!);
  const format = parseOutput(values.output);
  const client = await connect(context, values);
  const history = await client.get<OperationJson[]>(appPath(name, "/history"));
  const active = history.find((op) => ACTIVE_PHASES.has(op.phase));
  if (!active) throw new CliError(`${name} has no queued or running operation to terminate.`, EXIT.failed);
  const { body: operation } = await client.post<OperationJson>(appPath(name, `/operations/${encodeURIComponent(active.id)}/terminate`));
  printAnswer(context, format, operation, () => `${operation.kind} ${operation.id} of ${name} is ${operation.phase}; it stops before its next resource.\n`);
  return EXIT.ok;
}

function help(context: CommandContext, usage: string): number {
  context.io.stdout.write(usage);
  return EXIT.ok;
}

/** `app sync`, `app rollback`, `app terminate`. */
export const appOperationCommands: Command[] = [
  { name: "app sync", summary: "Sync an application with Git, and wait for it with --wait.", usage: SYNC_USAGE, run: runSync },
  { name: "app rollback", summary: "Roll back to a history entry; --commit makes it permanent in Git.", usage: ROLLBACK_USAGE, run: runRollback },
  { name: "app terminate", summary: "Terminate an application's queued or running operation.", usage: TERMINATE_USAGE, run: runTerminate },
];
