/**
 * A throwaway PostgreSQL server for tests: Debian's `postgresql` package's `initdb` into a
 * temporary directory (trust authentication, superuser `lockstep`), `postgres` on a free
 * loopback port (and a Unix socket in that directory), one database per test file or server,
 * stopped with SIGINT (PostgreSQL's fast shutdown) afterwards. Nothing assumes a server is
 * already running. As root, the server runs as `nobody`, since PostgreSQL refuses to run as root.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chown, mkdtemp, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./free-port";

/** The superuser `initdb` creates; trust authentication on loopback, so no password. */
const SUPERUSER = "lockstep";
const NOBODY = { uid: 65534, gid: 65534 };

/** A running throwaway PostgreSQL server. */
export interface PostgresServer {
  /** URL of the server's `postgres` maintenance database, as the superuser. */
  adminUrl: string;
  /** Everything the server printed so far. */
  logs(): string;
  /** Stops the server (fast shutdown) and removes its directory. */
  stop(): Promise<void>;
}

/** The `bin` directory of the newest PostgreSQL installed the Debian way. */
async function findBinDir(): Promise<string> {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? (await readdir(root)).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("PostgreSQL is not installed: the tests need Debian's postgresql package (/usr/lib/postgresql/<version>/bin/initdb).");
  return path.join(root, newest, "bin");
}


/**
 * Runs a PostgreSQL program in `cwd`, as `nobody` when this process is root (Node drops the
 * supplementary groups when it changes the user).
 */
function spawnAsServerUser(program: string, args: string[], cwd: string): ChildProcess {
  const user = process.getuid?.() === 0 ? { uid: NOBODY.uid, gid: NOBODY.gid } : {};
  return spawn(program, args, { cwd, stdio: ["ignore", "pipe", "pipe"], ...user });
}

function collect(child: ChildProcess): () => string {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}

async function run(program: string, args: string[], cwd: string): Promise<void> {
  const child = spawnAsServerUser(program, args, cwd);
  const output = collect(child);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`${path.basename(program)} failed with code ${code}:\n${output()}`);
}

async function waitForConnections(url: string, child: ChildProcess, logs: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited with code ${child.exitCode}:\n${logs()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms:\n${logs()}`);
}

/**
 * Starts a fresh PostgreSQL server in a temporary directory on a free loopback port and waits
 * until it accepts connections. Durability is traded for speed (`fsync=off`): it is thrown away.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = await findBinDir();
  const dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-pg-"));
  if (process.getuid?.() === 0) await chown(dir, NOBODY.uid, NOBODY.gid);
  const dataDir = path.join(dir, "data");
  try {
    await run(path.join(bin, "initdb"), ["-D", dataDir, "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--no-sync", "--no-instructions"], dir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const child = spawnAsServerUser(path.join(bin, "postgres"), [
    "-D", dataDir, "-k", dir, "-p", String(port),
    "-c", "listen_addresses=127.0.0.1",
    "-c", "max_connections=300",
    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
  ], dir);
  const logs = collect(child);
  const adminUrl = `postgresql://${SUPERUSER}@127.0.0.1:${port}/postgres`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  async function stop(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
  }
  try {
    await waitForConnections(adminUrl, child, logs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { adminUrl, logs, stop };
}

async function withAdmin<T>(adminUrl: string, query: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await query(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a random name on the server of `adminUrl`; answers its URL. */
export async function createDatabase(adminUrl: string, prefix = "lockstep"): Promise<string> {
  const name = `${prefix.replace(/[^a-z0-9_]/g, "_")}_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database of `url` (created by {@link createDatabase}), closing its connections. */
export async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`));
}
