import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { bootstrapAdminToken } from "./auth";
import { forgetApiToken, registerApiToken } from "./lockstep-api";
import { createTestDatabase, dropTestDatabase } from "./test-database";
import { freePort } from "./free-port";

/** A running Lockstep web server for tests, with everything it printed. */
export interface WebServer {
  url: string;
  dataDir: string;
  /** The server's `DATABASE_URL`: SQLite in `dataDir`, or its own PostgreSQL database (`LOCKSTEP_TEST_DATABASE=postgresql`); a second replica may share it. */
  databaseUrl: string;
  /** Process id of the `next start` server, e.g. to read its memory from /proc. */
  pid: number;
  /** The password of the `admin` user (set through `LOCKSTEP_ADMIN_PASSWORD`). */
  adminPassword: string;
  /** An admin API token, which `api()` sends to this server by default; absent when started with `signIn: false`. */
  adminToken?: string;
  /** Everything the server wrote to stdout and stderr so far. */
  logs(): string;
  /** Kills the server with SIGKILL, as a crash would, and keeps its data directory for a restart. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link startWebServer}. */
export interface WebServerOptions {
  kubeconfig: string;
  /** Extra environment for the server. */
  env?: Record<string, string>;
  /** Reuse this data directory (and its database), e.g. of a killed server; a fresh one otherwise. */
  dataDir?: string;
  /**
   * Sign in as `admin` once ready and register an admin API token for `api()`.
   * False leaves the server untouched, e.g. to test the first sign-in. @default true
   */
  signIn?: boolean;
  /** The admin password, for a replica sharing the database of another server. @default a new one (kept per data directory) */
  adminPassword?: string;
}

/** Admin passwords by data directory, so a restarted server keeps its admin's password. */
const adminPasswords = new Map<string, string>();
/** Database URLs by data directory, so a restarted server keeps its database. */
const databaseUrls = new Map<string, string>();


async function waitForReady(url: string, child: ChildProcess, logs: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The web server exited with code ${child.exitCode}:\n${logs()}`);
    try {
      const response = await fetch(`${url}/api/openapi.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The web server did not answer within ${timeoutMs} ms:\n${logs()}`);
}

/**
 * Starts the production build (`next start`) on a free loopback port with a fresh data
 * directory and database (SQLite, or PostgreSQL with `LOCKSTEP_TEST_DATABASE=postgresql`),
 * pointed at the test cluster. Requires `next build` first.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const distDir = process.env.LOCKSTEP_DIST_DIR ?? ".next";
  if (!existsSync(path.resolve(distDir, "BUILD_ID"))) {
    throw new Error('No production build found; run "npm run build" before the integration and e2e tests.');
  }
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "lockstep-web-")));
  const adminPassword = options.adminPassword ?? adminPasswords.get(dataDir) ?? `admin-${randomBytes(12).toString("base64url")}`;
  adminPasswords.set(dataDir, adminPassword);
  const sharedDatabase = options.env?.DATABASE_URL;
  const databaseUrl = sharedDatabase ?? databaseUrls.get(dataDir) ?? (await createTestDatabase(dataDir));
  if (!sharedDatabase) databaseUrls.set(dataDir, databaseUrl);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn("sh", [path.resolve("tools/server/start.sh"), "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOCKSTEP_KUBECONFIG: options.kubeconfig,
      LOCKSTEP_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOCKSTEP_REFRESH_SECONDS: "3600",
      LOCKSTEP_ADMIN_PASSWORD: adminPassword,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const logs = () => output;
  let adminToken: string | undefined;
  try {
    await waitForReady(url, child, logs);
    adminToken = options.signIn === false ? undefined : await bootstrapAdminToken(url, adminPassword);
    if (adminToken) registerApiToken(url, adminToken);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    url,
    dataDir,
    databaseUrl,
    pid: child.pid ?? -1,
    adminPassword,
    ...(adminToken ? { adminToken } : {}),
    logs,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      forgetApiToken(url);
      adminPasswords.delete(dataDir);
      if (!sharedDatabase) {
        databaseUrls.delete(dataDir);
        await dropTestDatabase(databaseUrl);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
