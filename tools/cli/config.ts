/**
 * Where the CLI finds its server and token: flags, then the environment (`LOCKSTEP_SERVER`,
 * `LOCKSTEP_TOKEN`), then the file `lockstep login` writes (`$LOCKSTEP_CONFIG`, else
 * `$XDG_CONFIG_HOME/lockstep/config.json`, else `~/.config/lockstep/config.json`, mode 0600,
 * as gh and kubectl keep theirs). The stored token is sent only to the server stored with it.
 */
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { z } from "zod";

import { CliError, UsageError } from "./errors";
import { EXIT } from "./exit-codes";
import type { CliIo } from "./io";

/** The server used when neither a flag, the environment nor the config file names one. */
export const DEFAULT_SERVER = "http://localhost:3000";

/** What the config file holds. */
export interface CliConfig {
  /** The server's URL, without a trailing slash. */
  server: string;
  /** The API token `lockstep login` checked against that server. */
  token: string;
}

const configSchema = z.object({ server: z.string().min(1), token: z.string().min(1) });

/** The config file's path for this environment. */
export function configPath(env: CliIo["env"]): string {
  if (env.LOCKSTEP_CONFIG?.trim()) return env.LOCKSTEP_CONFIG.trim();
  const base = env.XDG_CONFIG_HOME?.trim() || path.join(env.HOME?.trim() || os.homedir(), ".config");
  return path.join(base, "lockstep", "config.json");
}

/** The config file's contents, or undefined when there is none; a malformed file is an error naming it. */
export async function readConfig(file: string): Promise<CliConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new CliError(`The config file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`, EXIT.failed);
  }
  try {
    return configSchema.parse(JSON.parse(text));
  } catch {
    throw new CliError(`The config file ${file} is not valid; run "lockstep login" again.`, EXIT.failed);
  }
}

/** Writes the config file readable by its owner only (0600), its folder 0700, replacing it in one rename. */
export async function writeConfig(file: string, config: CliConfig): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}

/** A server URL checked and without its trailing slash; `source` names where it came from in the error. */
export function normalizeServer(text: string, source: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UsageError(`${source} must be a URL such as ${DEFAULT_SERVER}, not "${text}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`${source} must be an http or https URL such as ${DEFAULT_SERVER}.`);
  return text.trim().replace(/\/+$/, "");
}

/** Where to send requests and with which token. */
export interface Connection {
  server: string;
  /** Undefined when nothing provides one: the server then answers 401 for what needs it. */
  token?: string;
}

/**
 * The connection a command uses: the server from `--server`, `LOCKSTEP_SERVER`, the config file
 * or the default; the token from `--token` (login only), `LOCKSTEP_TOKEN`, or the config file
 * when the file's server is the one chosen (a token is never sent to another server).
 */
export function resolveConnection(flags: { server?: string; token?: string }, env: CliIo["env"], config: CliConfig | undefined): Connection {
  const server = flags.server?.trim()
    ? normalizeServer(flags.server, "--server")
    : env.LOCKSTEP_SERVER?.trim()
      ? normalizeServer(env.LOCKSTEP_SERVER, "LOCKSTEP_SERVER")
      : config
        ? normalizeServer(config.server, "The config file's server")
        : DEFAULT_SERVER;
  const token = flags.token?.trim() || env.LOCKSTEP_TOKEN?.trim() || (config && normalizeServer(config.server, "The config file's server") === server ? config.token : undefined);
  return token ? { server, token } : { server };
}
