/**
 * `npm run demo`: the whole GitOps loop on the embedded local clusters.
 * Builds the cluster tools when needed, starts the local cluster and a second one, commits
 * `examples/` to a config repository served over smart HTTP, starts the web app on
 * http://localhost:3000, registers the second cluster and creates the app set that generates
 * an app per example service and environment, on both clusters (tools/demo/appset.ts).
 * Ctrl-C stops everything it started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { copyDirToRepo, createBareRepo, startGitServer, type GitServer } from "@/tools/gitserver";
import { ensureBinaries, ensureCluster, isLocalClusterError, stopCluster } from "@/tools/localcluster";
import { namedClusterDir } from "@/tools/localcluster/paths";
import { assertPortFree } from "./port";
import { needsBuild } from "./build-state";
import { createDemoAppSet } from "./appset";
import { registerSecondCluster, SECOND_CLUSTER } from "./second-cluster";
import { runDemoPromotion } from "./promotion";

const PORT = Number(process.env.PORT ?? 3000);
const DATA_DIR = path.resolve(".data/demo");
const REPO_NAME = "demo-config.git";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with code ${code}.`))));
    child.on("error", reject);
  });
}

async function createConfigRepo(): Promise<{ server: GitServer; repoUrl: string }> {
  const root = path.join(DATA_DIR, "git");
  const repoPath = path.join(root, REPO_NAME);
  if (!existsSync(repoPath)) {
    await mkdir(root, { recursive: true });
    await createBareRepo(root, { name: REPO_NAME });
  }
  const sha = await copyDirToRepo(repoPath, path.resolve("examples"), { message: "Demo config from examples/", date: new Date() });
  const server = await startGitServer({ root, allowPush: true });
  console.log(`config repository: ${server.repoUrl(REPO_NAME)} at ${sha.slice(0, 7)}`);
  return { server, repoUrl: server.repoUrl(REPO_NAME) };
}

/**
 * The demo admin's password: `LOCKSTEP_ADMIN_PASSWORD` when set, else one generated at the
 * first run and kept (readable by this user only) in the demo's data directory, so the demo's
 * database and its admin stay in step across runs.
 */
async function demoAdminPassword(): Promise<string> {
  if (process.env.LOCKSTEP_ADMIN_PASSWORD) return process.env.LOCKSTEP_ADMIN_PASSWORD;
  const file = path.join(DATA_DIR, "admin-password");
  const kept = await readFile(file, "utf8").catch(() => undefined);
  if (kept?.trim()) return kept.trim();
  const password = `demo-${randomBytes(12).toString("base64url")}`;
  await mkdir(DATA_DIR, { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Signs in as admin and answers the headers that authenticate the demo's API calls. */
async function signInHeaders(baseUrl: string, password: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password }) });
  if (!response.ok) {
    throw new Error(`Signing in as admin failed (${response.status}); the demo database has another admin password: set LOCKSTEP_ADMIN_PASSWORD to it, or delete ${DATA_DIR}.`);
  }
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("lockstep_session="))?.split(";")[0] ?? "";
  return { "content-type": "application/json", cookie, origin: baseUrl };
}

async function waitForServer(baseUrl: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("The web server stopped before it was ready; its output is above.");
    try {
      if ((await fetch(`${baseUrl}/api/openapi.json`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The web server did not answer within 2 minutes; its output is above.");
}

async function main(): Promise<void> {
  await assertPortFree(PORT);
  const binaries = await ensureBinaries();
  const cluster = await ensureCluster();
  console.log(`local cluster kubeconfig: ${cluster.kubeconfigPath}`);
  const secondDir = namedClusterDir(SECOND_CLUSTER);
  const second = await ensureCluster({ dir: secondDir });
  console.log(`second cluster kubeconfig: ${second.kubeconfigPath}`);
  const { server: gitServer, repoUrl } = await createConfigRepo();

  if (await needsBuild()) await run(path.resolve("node_modules/.bin/next"), ["build"]);
  const adminPassword = await demoAdminPassword();
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    LOCKSTEP_KUBECONFIG: cluster.kubeconfigPath,
    LOCKSTEP_KUSTOMIZE: binaries.kustomize,
    LOCKSTEP_DATA_DIR: DATA_DIR,
    LOCKSTEP_REFRESH_SECONDS: process.env.LOCKSTEP_REFRESH_SECONDS ?? "15",
    LOCKSTEP_ADMIN_PASSWORD: adminPassword,
  };
  const web = spawn("sh", [path.resolve("tools/server/start.sh"), "-p", String(PORT)], { stdio: "inherit", env });
  const baseUrl = `http://localhost:${PORT}`;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping the demo...");
    web.kill("SIGTERM");
    await gitServer.close();
    if (second.startedHere) await stopCluster({ dir: secondDir });
    if (cluster.startedHere) await stopCluster();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  web.on("exit", () => void stop());

  await waitForServer(baseUrl, web);
  const headers = await signInHeaders(baseUrl, adminPassword);
  await registerSecondCluster(baseUrl, headers, second.kubeconfigPath);
  await createDemoAppSet(baseUrl, headers, repoUrl);
  void runDemoPromotion(baseUrl, headers).catch((error: unknown) => console.error(error instanceof Error ? error.message : String(error)));
  const password = process.env.LOCKSTEP_ADMIN_PASSWORD ? "from LOCKSTEP_ADMIN_PASSWORD" : `${adminPassword} (kept in .data/demo/admin-password)`;
  console.log(`\nLockstep is running at ${baseUrl} — sign in as admin with the password ${password}.`);
  console.log("Press Ctrl-C to stop everything the demo started.");
}

main().catch(async (error: unknown) => {
  console.error(isLocalClusterError(error) || error instanceof Error ? error.message : String(error));
  process.exit(1);
});
