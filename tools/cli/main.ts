/**
 * `lockstep <command>`: the command-line entry point shipped as the package's `bin`, for CI
 * pipelines and on-call: `login`, the `app` commands that talk to a Lockstep server, and
 * `set-image`, which commits to Git directly. Commands throw CliErrors; this module alone
 * prints them and turns them into exit codes.
 */
import { appOperationCommands } from "./app-operation-commands";
import { appReadCommands } from "./app-read-commands";
import { appWaitCommand } from "./app-wait-command";
import type { Command, CommandContext } from "./context";
import { exitCodeOf, isCliError, UsageError } from "./errors";
import { EXIT, EXIT_CODES_HELP } from "./exit-codes";
import type { CliIo } from "./io";
import { loginCommand } from "./login-command";
import { runSetImage, SET_IMAGE_USAGE } from "./set-image-command";

const setImageCommand: Command = {
  name: "set-image",
  summary: "Set an image in a kustomization.yaml in Git (commit and push).",
  usage: SET_IMAGE_USAGE,
  run: (args, context) => runSetImage(args, context.io),
};

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [loginCommand, ...appReadCommands, appWaitCommand, ...appOperationCommands, setImageCommand];

/** The overview `lockstep --help` prints. */
export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: lockstep <command> [options]

Commands:
${lines.join("\n")}

The server comes from --server, then LOCKSTEP_SERVER, then the config file "lockstep login"
writes; the API token from LOCKSTEP_TOKEN, then that file. Output is a table, or the API's
objects with -o json or -o yaml.

${EXIT_CODES_HELP}
Run "lockstep <command> --help" for a command's options.
`;
}

function findCommand(args: readonly string[]): { command: Command; rest: readonly string[] } | undefined {
  for (const command of COMMANDS) {
    const words = command.name.split(" ");
    if (words.every((word, i) => args[i] === word)) return { command, rest: args.slice(words.length) };
  }
  return undefined;
}

function unknownCommand(args: readonly string[]): string {
  if (args[0] === "app") {
    const names = COMMANDS.filter((c) => c.name.startsWith("app ")).map((c) => c.name.slice(4));
    return `lockstep app: ${args[1] === undefined ? "name a subcommand" : `unknown subcommand "${args[1]}"`}; there are ${names.join(", ")}.`;
  }
  return `lockstep: unknown command "${args[0]}".`;
}

/** Runs the CLI with `args` (without the node and script paths) and resolves with the exit code. */
export async function runCli(args: readonly string[], io: CliIo, seams: Omit<CommandContext, "io"> = {}): Promise<number> {
  const first = args[0];
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    io.stdout.write(usage());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(args);
  if (!found) {
    io.stderr.write(`${unknownCommand(args)}\n\n${usage()}`);
    return EXIT.usage;
  }
  const { command, rest } = found;
  try {
    return await command.run(rest, { ...seams, io });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof UsageError ? `\nRun "lockstep ${command.name} --help" for usage.` : "";
    io.stderr.write(`lockstep ${command.name}: ${message}${hint}\n`);
    if (!isCliError(error) && io.env.LOCKSTEP_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return exitCodeOf(error);
  }
}
