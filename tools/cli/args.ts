/**
 * Reading a command's arguments: node:util's parseArgs with errors rewritten as one sentence
 * each, and the parsers of the values commands share (app names, durations, output formats,
 * resources). Every bad value is a UsageError (exit code 2).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

import { subjectOf } from "@/lib/types";

import { parseDuration } from "./duration";
import { UsageError } from "./errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The options every command that talks to a server takes. */
export const SERVER_OPTIONS = {
  server: { type: "string" },
  output: { type: "string", short: "o" },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies Options;

function optionNamed(message: string): string {
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  return (quoted.split(" ")[0] ?? quoted).replace(/,$/, "");
}

/** parseArgs' own message rewritten as one sentence naming the option. */
export function usageSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = optionNamed(message);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `Unknown option "${option}".`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && message.includes("argument missing")) return `${option} needs a value.`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `${option} takes no value.`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `Unexpected argument ${optionNamed(message) || message}.`;
  return message;
}

/** Parses `args` against `options`, positionals allowed; a bad flag is a one-sentence UsageError. */
export function readArgs<T extends Options>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageSentence(error));
  }
}

const APP_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The positionals of a command, exactly `names` of them, else a UsageError naming them. */
export function takePositionals(positionals: readonly string[], command: string, names: readonly string[]): string[] {
  if (positionals.length === names.length) return [...positionals];
  const wanted = names.length === 0 ? "no arguments" : names.map((name) => `<${name}>`).join(" ");
  throw new UsageError(`${command} takes ${wanted}${names.length === 0 ? "" : " and nothing else"}.`);
}

/** An application name, checked as the server checks it, so a typo fails before any request. */
export function parseAppName(text: string): string {
  if (text.length > 63 || !APP_NAME.test(text)) throw new UsageError(`"${text}" is not an application name (lower-case letters, digits and dashes).`);
  return text;
}

/** How a command prints its answer. */
export type OutputFormat = "table" | "json" | "yaml";

/** The `-o` value: table (the default), json or yaml. */
export function parseOutput(text: string | undefined): OutputFormat {
  if (text === undefined || text === "table") return "table";
  if (text === "json" || text === "yaml") return text;
  throw new UsageError(`-o must be table, json or yaml, not "${text}".`);
}

/** The milliseconds of a `--timeout` value, or `fallback` when it is absent. */
export function parseTimeout(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  if (ms === undefined) throw new UsageError(`--timeout must be a duration such as 90s, 5m or 1h30m (at most 24h), not "${text}".`);
  return ms;
}

/**
 * A `--resource group/kind/namespace/name` as the server's subject (`Kind.group/ns/name`); the
 * core group and a cluster-scoped object's namespace are empty (`/ConfigMap/web/settings`,
 * `/Namespace//web`).
 */
export function parseResource(text: string): string {
  const parts = text.split("/");
  const [group, kind, namespace, name] = parts;
  if (parts.length !== 4 || !kind || !name || group === undefined || namespace === undefined) {
    throw new UsageError(`--resource must be group/kind/namespace/name (e.g. apps/Deployment/web/frontend or /ConfigMap/web/settings), not "${text}".`);
  }
  return subjectOf({ group, kind, namespace, name });
}
