/**
 * What every server command gets: where to write, the environment, and the seams tests replace
 * (fetch, the clock, sleeping); and the helpers they share to connect and to print.
 */
import type { OutputFormat } from "./args";
import { configPath, readConfig, resolveConnection } from "./config";
import { createClient, type LockstepClient } from "./http-client";
import type { CliIo } from "./io";
import { formatData } from "./output";

/** A command's surroundings. */
export interface CommandContext {
  io: CliIo;
  /** @default the global fetch */
  fetchImpl?: typeof fetch;
  /** @default a timer */
  sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  now?: () => number;
  /** How often a wait polls the server. @default 1000 */
  pollMs?: number;
}

/** One command of the CLI: its words (`app sync`), a line for the overview, its usage, and its run. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Resolves with the exit code; throws CliErrors, which the entry point prints. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

/** A client of the server the flags, the environment or the config file name (in that order). */
export async function connect(context: CommandContext, flags: { server?: string; token?: string }): Promise<LockstepClient> {
  const config = await readConfig(configPath(context.io.env));
  return createClient(resolveConnection(flags, context.io.env, config), context.fetchImpl);
}

/** Prints the answer: `table()`'s text for people, the API's object itself for `-o json|yaml`. */
export function printAnswer(context: CommandContext, format: OutputFormat, data: unknown, table: () => string): void {
  context.io.stdout.write(format === "table" ? table() : formatData(data, format));
}

/** Where progress goes: stdout for people, stderr when stdout carries JSON or YAML. */
export function progressStream(context: CommandContext, format: OutputFormat): CliIo["stdout"] {
  return format === "table" ? context.io.stdout : context.io.stderr;
}

/** Sleeps through the context's seam. */
export function sleepFor(context: CommandContext, ms: number): Promise<void> {
  return context.sleep ? context.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
}

/** The time through the context's seam. */
export function nowOf(context: CommandContext): number {
  return context.now ? context.now() : Date.now();
}
