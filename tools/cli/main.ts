/**
 * `lockstep <command>`: the command-line entry point shipped as the package's
 * `bin`: `set-image` for CI pipelines, and `app sync` to sync an app through a server.
 */
import { runAppSync } from "./app-sync-command";
import { runSetImage } from "./set-image-command";
import type { CliIo } from "./io";

const USAGE = `Usage: lockstep <command> [options]

Commands:
  set-image   Set an image in a kustomization.yaml in Git (commit and push).
  app sync    Sync an application through the Lockstep server (LOCKSTEP_SERVER, LOCKSTEP_TOKEN).

Run "lockstep <command> --help" for a command's options.
`;

/** Runs the CLI with `args` (without the node and script paths) and resolves with the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === "set-image") return runSetImage(rest, io);
  if (command === "app" && rest[0] === "sync") return runAppSync(rest.slice(1), io);
  if (command === "app") {
    io.stderr.write(`lockstep app: ${rest[0] === undefined ? "name a subcommand" : `unknown subcommand "${rest[0]}"`}; the one there is: sync.\n\n${USAGE}`);
    return 2;
  }
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  io.stderr.write(`lockstep: unknown command "${command}".\n\n${USAGE}`);
  return 2;
}
