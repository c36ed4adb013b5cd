/**
 * `lockstep <command>`: the command-line entry point shipped as the package's
 * `bin`. One command for now, `set-image`, for CI pipelines.
 */
import { runSetImage } from "./set-image-command";
import type { CliIo } from "./io";

const USAGE = `Usage: lockstep <command> [options]

Commands:
  set-image   Set an image in a kustomization.yaml in Git (commit and push).

Run "lockstep <command> --help" for a command's options.
`;

/** Runs the CLI with `args` (without the node and script paths) and resolves with the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === "set-image") return runSetImage(rest, io);
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  io.stderr.write(`lockstep: unknown command "${command}".\n\n${USAGE}`);
  return 2;
}
