/**
 * `lockstep login --server <url> [--token-stdin | --token <t>]`: checks an API token against
 * the server (`GET /api/auth/me`) and stores the server and token in the config file (mode
 * 0600), so later commands need neither. The token is never printed.
 */
import { readArgs, takePositionals } from "./args";
import { configPath, DEFAULT_SERVER, normalizeServer, writeConfig } from "./config";
import type { Command, CommandContext } from "./context";
import { UsageError } from "./errors";
import { EXIT } from "./exit-codes";
import { createClient } from "./http-client";

const USAGE = `Usage: lockstep login --server <url> [--token-stdin | --token <token>]

Checks an API token against a Lockstep server and stores both in the config file
($LOCKSTEP_CONFIG, else $XDG_CONFIG_HOME/lockstep/config.json, else
~/.config/lockstep/config.json; readable by you only). Create a token on the server's
Tokens page or with POST /api/tokens.

  --server <url>    the server, e.g. ${DEFAULT_SERVER} (default: LOCKSTEP_SERVER)
  --token-stdin     read the token from standard input (recommended: flags show in ps and CI logs)
  --token <token>   the token itself
  (neither)         the token from LOCKSTEP_TOKEN
`;

/** Reads all of standard input as text (the token, from a pipe or a here-string). */
async function readStdin(stdin: AsyncIterable<unknown>): Promise<string> {
  let text = "";
  for await (const chunk of stdin) text += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
  return text;
}

interface Who {
  name: string;
  role: string;
}

async function run(args: readonly string[], context: CommandContext): Promise<number> {
  const { values, positionals } = readArgs(args, {
    server: { type: "string" },
    token: { type: "string" },
    "token-stdin": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) {
    context.io.stdout.write(USAGE);
    return EXIT.ok;
  }
  takePositionals(positionals, "login", []);
  if (values.token !== undefined && values["token-stdin"]) throw new UsageError("Give the token either with --token or with --token-stdin, not both.");
  const serverText = values.server ?? context.io.env.LOCKSTEP_SERVER;
  if (!serverText?.trim()) throw new UsageError("--server is required: the Lockstep server's URL.");
  const server = normalizeServer(serverText, values.server !== undefined ? "--server" : "LOCKSTEP_SERVER");
  const token = (values["token-stdin"] ? await readStdin(context.io.stdin ?? process.stdin) : (values.token ?? context.io.env.LOCKSTEP_TOKEN ?? "")).trim();
  if (!token) throw new UsageError(values["token-stdin"] ? "Standard input held no token." : "A token is required: --token-stdin, --token or LOCKSTEP_TOKEN.");
  const who = await createClient({ server, token }, context.fetchImpl).get<Who>("/api/auth/me");
  const file = configPath(context.io.env);
  await writeConfig(file, { server, token });
  context.io.stdout.write(`Logged in to ${server} as ${who.name} (${who.role}); saved to ${file}.\n`);
  return EXIT.ok;
}

/** The `login` command. */
export const loginCommand: Command = { name: "login", summary: "Check an API token against a server and store both for later commands.", usage: USAGE, run };
