/**
 * The read-only app commands: `app list`, `app get`, `app diff` and `app history`. Each prints
 * a table for people or the API's objects with `-o json|yaml`, and exits 0 (a diff is an
 * answer, not a failure).
 */
import type { AppJson, AppPageJson, AppRowJson, DiffJson, OperationJson } from "./api-types";
import { parseAppName, parseOutput, readArgs, SERVER_OPTIONS, takePositionals } from "./args";
import { type Command, type CommandContext, connect, printAnswer } from "./context";
import { formatDuration } from "./duration";
import { EXIT } from "./exit-codes";
import { appPath } from "./http-client";
import { formatFields, formatTable, formatTime, shortSha } from "./output";

const COMMON_HELP = `  --server <url>      the server (default: LOCKSTEP_SERVER, then the one "lockstep login" saved)
  -o, --output <fmt>  table (default), json or yaml
`;

const LIST_USAGE = `Usage: lockstep app list [--project <name>] [--search <text>] [options]

Lists the applications you may see, with their sync and health.

  --project <name>    only the apps of this project
  --search <text>     only apps whose name, repository or namespace holds the text
${COMMON_HELP}`;

function autoSync(app: AppJson): string {
  if (!app.automated) return "off";
  return app.autoSyncPaused ? "paused" : "on";
}

function lastOperation(row: AppRowJson): string {
  return row.lastOperation ? `${row.lastOperation.kind} ${row.lastOperation.phase}` : "-";
}

/** The Applications table. */
export function appListTable(rows: readonly AppRowJson[]): string {
  return formatTable(rows, [
    { header: "Name", value: (r) => r.name },
    { header: "Project", value: (r) => r.project },
    { header: "Sync", value: (r) => r.status.syncStatus },
    { header: "Health", value: (r) => r.status.healthStatus },
    { header: "Revision", value: (r) => shortSha(r.status.revision) },
    { header: "Auto-sync", value: (r) => autoSync(r) },
    { header: "Last operation", value: (r) => lastOperation(r) },
  ]);
}

async function runList(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = readArgs(args, { ...SERVER_OPTIONS, project: { type: "string" }, search: { type: "string" } });
  if (values.help) return help(context, LIST_USAGE);
  takePositionals(positionals, "app list", []);
  const format = parseOutput(values.output);
  const client = await connect(context, values);
  const rows: AppRowJson[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await client.get<AppPageJson>("/api/apps", { page, pageSize: 200, project: values.project, q: values.search });
    rows.push(...answer.rows);
    if (answer.rows.length === 0 || rows.length >= answer.total) break;
  }
  printAnswer(context, format, rows, () => (rows.length === 0 ? "No applications.\n" : appListTable(rows)));
  return EXIT.ok;
}

const GET_USAGE = `Usage: lockstep app get <name> [options]

Shows an application: its source, destination, sync, health and conditions.

${COMMON_HELP}`;

/** One app as label-value lines, its conditions below. */
export function appDetail(app: AppJson): string {
  const destination = `${app.destCluster ? `${app.destCluster}/` : ""}${app.destNamespace}`;
  const revision = app.status.revision ? `${shortSha(app.status.revision)}${app.status.revisionSubject ? ` (${app.status.revisionSubject})` : ""}` : null;
  const fields = formatFields([
    ["Name", app.name],
    ["Project", app.project],
    ["Repository", app.repoUrl],
    ["Path", app.path],
    ["Target", app.targetRevision],
    ["Destination", destination],
    ["Sync", app.status.syncStatus],
    ["Health", app.status.healthStatus],
    ["Revision", revision],
    ["Auto-sync", autoSync(app)],
    ["Rolled back to", app.rolledBackTo ? shortSha(app.rolledBackTo) : null],
    ["Compared", formatTime(app.status.reconciledAt)],
  ]);
  const conditions = (app.status.conditions ?? []).map((c) => `  ${c.type}: ${c.message}`);
  return conditions.length > 0 ? `${fields}Conditions:\n${conditions.join("\n")}\n` : fields;
}

async function runGet(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = readArgs(args, SERVER_OPTIONS);
  if (values.help) return help(context, GET_USAGE);
  const [name] = takePositionals(positionals, "app get", ["name"]);
  const format = parseOutput(values.output);
  const app = await (await connect(context, values)).get<AppJson>(appPath(parseAppName(name!)));
  printAnswer(context, format, app, () => appDetail(app));
  return EXIT.ok;
}

const DIFF_USAGE = `Usage: lockstep app diff <name> [--refresh] [options]

Shows what differs between Git and the cluster, resource by resource (Secret values
masked), as the server's diff API computes it. Exits 0 whether or not there is a diff.

  --refresh           compare now instead of using a recent comparison
${COMMON_HELP}`;

/** The diff as text: a summary line, then each resource that differs with its unified diff. */
export function diffText(name: string, diff: DiffJson): string {
  const changed = diff.resources.filter((r) => r.status !== "Synced");
  const head = `${name}: ${diff.syncStatus} at ${shortSha(diff.revision?.sha)}, ${changed.length} of ${diff.resources.length} resources differ (compared ${formatTime(diff.comparedAt)}).\n`;
  const conditions = diff.conditions.map((c) => `${c.type}: ${c.message}\n`).join("");
  const bodies = changed.map((r) => {
    const title = `=== ${r.subject} (${r.state}${r.changedPaths.length > 0 ? `: ${r.changedPaths.join(", ")}` : ""})\n`;
    const error = r.dryRunError ? `dry run: ${r.dryRunError}\n` : "";
    return `${title}${error}${r.diff}${r.diff && !r.diff.endsWith("\n") ? "\n" : ""}`;
  });
  return [head, conditions, ...bodies].join("");
}

async function runDiff(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = readArgs(args, { ...SERVER_OPTIONS, refresh: { type: "boolean", default: false } });
  if (values.help) return help(context, DIFF_USAGE);
  const [name] = takePositionals(positionals, "app diff", ["name"]);
  const format = parseOutput(values.output);
  const diff = await (await connect(context, values)).get<DiffJson>(appPath(parseAppName(name!), "/diff"), { refresh: values.refresh ? true : undefined });
  printAnswer(context, format, diff, () => diffText(name!, diff));
  return EXIT.ok;
}

const HISTORY_USAGE = `Usage: lockstep app history <name> [options]

Lists the application's operations, newest first; an ID is what "app rollback" takes.

${COMMON_HELP}`;

function took(op: OperationJson): string {
  return op.finishedAt ? formatDuration(Math.max(0, Date.parse(op.finishedAt) - Date.parse(op.startedAt))) : "-";
}

/** The history table. */
export function historyTable(operations: readonly OperationJson[]): string {
  return formatTable(operations, [
    { header: "ID", value: (o) => o.id },
    { header: "Kind", value: (o) => `${o.kind}${o.dryRun ? " (dry run)" : ""}` },
    { header: "Phase", value: (o) => o.phase },
    { header: "Revision", value: (o) => shortSha(o.revision) },
    { header: "Initiator", value: (o) => o.initiator },
    { header: "Started", value: (o) => formatTime(o.startedAt) },
    { header: "Took", value: (o) => took(o) },
    { header: "Message", value: (o) => o.message },
  ]);
}

async function runHistory(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = readArgs(args, SERVER_OPTIONS);
  if (values.help) return help(context, HISTORY_USAGE);
  const [name] = takePositionals(positionals, "app history", ["name"]);
  const format = parseOutput(values.output);
  const operations = await (await connect(context, values)).get<OperationJson[]>(appPath(parseAppName(name!), "/history"));
  printAnswer(context, format, operations, () => (operations.length === 0 ? `${name} has no history yet.\n` : historyTable(operations)));
  return EXIT.ok;
}

function help(context: CommandContext, usage: string): number {
  context.io.stdout.write(usage);
  return EXIT.ok;
}

/** `app list`, `app get`, `app diff`, `app history`. */
export const appReadCommands: Command[] = [
  { name: "app list", summary: "List applications with their sync and health.", usage: LIST_USAGE, run: runList },
  { name: "app get", summary: "Show one application.", usage: GET_USAGE, run: runGet },
  { name: "app diff", summary: "Show what differs between Git and the cluster.", usage: DIFF_USAGE, run: runDiff },
  { name: "app history", summary: "List an application's operations.", usage: HISTORY_USAGE, run: runHistory },
];
