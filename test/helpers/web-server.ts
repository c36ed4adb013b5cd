import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

/** A running Lockstep web server for tests, with everything it printed. */
export interface WebServer {
  url: string;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr so far. */
  logs(): string;
  stop(): Promise<void>;
}

/** Options of {@link startWebServer}. */
export interface WebServerOptions {
  kubeconfig: string;
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

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
 * directory and SQLite database, pointed at the test cluster. Requires `next build` first.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const distDir = process.env.LOCKSTEP_DIST_DIR ?? ".next";
  if (!existsSync(path.resolve(distDir, "BUILD_ID"))) {
    throw new Error('No production build found; run "npm run build" before the integration and e2e tests.');
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lockstep-web-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOCKSTEP_KUBECONFIG: options.kubeconfig,
      LOCKSTEP_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "lockstep.db")}`,
      LOCKSTEP_REFRESH_SECONDS: "3600",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const logs = () => output;
  try {
    await waitForReady(url, child, logs);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    url,
    dataDir,
    logs,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
