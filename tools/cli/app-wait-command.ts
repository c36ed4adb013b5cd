/**
 * `lockstep app wait <name> [--health] [--sync] [--timeout <dur>]`: waits until the app is
 * Healthy and/or Synced, printing each change of its state; exits 0 when it is, 3 as soon as
 * a health wait sees it Degraded, 4 when the time runs out.
 */
import { parseAppName, parseOutput, parseTimeout, readArgs, SERVER_OPTIONS, takePositionals } from "./args";
import { type Command, type CommandContext, connect, printAnswer, progressStream } from "./context";
import { EXIT } from "./exit-codes";
import { appStateLine } from "./progress";
import { waitForApp } from "./wait";

/** How long `app wait` waits when `--timeout` is not given. */
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

const USAGE = `Usage: lockstep app wait <name> [--health] [--sync] [--timeout <dur>] [options]

Waits until the application is Healthy (--health) and/or Synced (--sync); with
neither flag, until it is both. Prints each change of its sync and health.

  --health            wait until Healthy; exit 3 at once when it is Degraded
  --sync              wait until Synced
  --timeout <dur>     how long to wait, e.g. 90s or 5m (default: 5m); exit 4 when it runs out
  --server <url>      the server (default: LOCKSTEP_SERVER, then the one "lockstep login" saved)
  -o, --output <fmt>  table (default), json or yaml: the app as last read
`;

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = readArgs(args, { ...SERVER_OPTIONS, health: { type: "boolean", default: false }, sync: { type: "boolean", default: false }, timeout: { type: "string" } });
  if (values.help) {
    context.io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const [nameText] = takePositionals(positionals, "app wait", ["name"]);
  const name = parseAppName(nameText!);
  const format = parseOutput(values.output);
  const timeoutMs = parseTimeout(values.timeout, DEFAULT_TIMEOUT_MS);
  const both = !values.health && !values.sync;
  const client = await connect(context, values);
  const condition = { health: values.health || both, sync: values.sync || both };
  const { code, app } = await waitForApp(client, name, condition, { timeoutMs, progress: progressStream(context, format) }, context);
  printAnswer(context, format, app, () => (code === EXIT.degraded ? `${appStateLine(app)}: Degraded.\n` : ""));
  if (format !== "table" && code === EXIT.degraded) context.io.stderr.write(`${appStateLine(app)}: Degraded.\n`);
  return code;
}

/** The `app wait` command. */
export const appWaitCommand: Command = { name: "app wait", summary: "Wait until an application is healthy and/or synced.", usage: USAGE, run };
