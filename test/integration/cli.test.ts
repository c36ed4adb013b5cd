/**
 * `lockstep` against the production server: the real launcher (bin/lockstep.mjs) run as a child
 * process with this Node, a real Git repository, the test cluster. Covers what a pipeline and
 * on-call do: log in, list, sync and wait, diff, history, roll back, and the exit codes of a
 * failed sync and of a wait that runs out.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";

import { KubeObjectClient } from "@/lib/kube/object-client";

import { createAppOnRepo, type AppOnRepo } from "../helpers/app-fixture";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const BIN = path.resolve("bin/lockstep.mjs");

const CONFIGMAP = (greeting: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: greeting
data:
  greeting: ${greeting}
`;

/** A Service the API server refuses: its port is out of range. */
/** A LoadBalancer Service stays Progressing: the test cluster has no cloud provider to give it an address. */
const LOAD_BALANCER = `apiVersion: v1
kind: Service
metadata:
  name: public
spec:
  type: LoadBalancer
  selector: { app: public }
  ports:
    - port: 80
`;

const BROKEN_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: broken
spec:
  ports:
    - port: 70000
`;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe("the lockstep CLI against a running server", () => {
  let web: WebServer;
  let git: GitFixture;
  let kube: KubeObjectClient;
  let configDir: string;
  let token: string;
  const apps: AppOnRepo[] = [];

  /** Runs the real CLI with only the config file to go by (no LOCKSTEP_SERVER or LOCKSTEP_TOKEN from this process). */
  function lockstep(args: string[], options: { input?: string } = {}): Promise<CliResult> {
    const env: NodeJS.ProcessEnv = { ...process.env, LOCKSTEP_CONFIG: path.join(configDir, "config.json") };
    delete env.LOCKSTEP_SERVER;
    delete env.LOCKSTEP_TOKEN;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(options.input ?? "");
    });
  }

  async function setUp(files: Record<string, string>): Promise<AppOnRepo> {
    const app = await createAppOnRepo(web, git, files);
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    const kubeconfig = inject("kubeconfig");
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    kube = KubeObjectClient.forConfig(kc);
    configDir = await mkdtemp(path.join(os.tmpdir(), "lockstep-cli-it-"));
    const issued = await api<{ value: string }>(web.url, "POST", "/api/tokens", { name: "cli", role: "deployer" });
    expect(issued.status, issued.text).toBe(201);
    token = issued.body.value;
  });

  afterAll(async () => {
    for (const app of apps) await api(web.url, "DELETE", `/api/apps/${app.name}?cascade=true`).catch(() => undefined);
    await web?.stop();
    await git?.cleanup();
    if (kube) await Promise.all(apps.map((app) => kube.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: app.namespace } }).catch(() => undefined)));
    if (configDir) await rm(configDir, { recursive: true, force: true });
  });

  it("refuses a wrong token with exit code 5, then logs in with one from standard input and stores it readable by the owner only", async () => {
    const wrong = await lockstep(["login", "--server", web.url, "--token-stdin"], { input: "lsp_not_a_token\n" });
    expect(wrong.code, wrong.stderr).toBe(5);
    expect(wrong.stderr).toMatch(/refused the token/);

    const login = await lockstep(["login", "--server", web.url, "--token-stdin"], { input: `${token}\n` });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/^Logged in to http:\/\/127\.0\.0\.1:\d+ as token:cli \(deployer\); saved to /);
    expect(login.stdout + login.stderr).not.toContain(token);
    expect((await stat(path.join(configDir, "config.json"))).mode & 0o777).toBe(0o600);
  });

  it("syncs with --wait, printing each result as it comes, diffs, keeps history and rolls back", async () => {
    const app = await setUp({ "configmap.yaml": CONFIGMAP("hello") });

    const list = await lockstep(["app", "list", "-o", "json"]);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((row) => row.name)).toContain(app.name);

    const first = await lockstep(["app", "sync", app.name, "--wait", "--timeout", "90s"]);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain(`created    ConfigMap/${app.namespace}/greeting`);
    expect(first.stdout).toMatch(/Succeeded.*The app is Healthy\.\n$/);

    await commitFiles(app.repo, { files: { "configmap.yaml": CONFIGMAP("goodbye") }, message: "Say goodbye" });
    const diff = await lockstep(["app", "diff", app.name, "--refresh"]);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(new RegExp(`^${app.name}: OutOfSync at [0-9a-f]{12}, 1 of \\d+ resources differ`));
    expect(diff.stdout).toContain(`=== ConfigMap/${app.namespace}/greeting (modified: data.greeting)`);
    expect(diff.stdout).toContain("goodbye");

    const second = await lockstep(["app", "sync", app.name, "--wait"]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain(`configured ConfigMap/${app.namespace}/greeting`);

    const table = await lockstep(["app", "history", app.name]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+KIND\s+PHASE\s+REVISION\s+INITIATOR\s+STARTED\s+TOOK\s+MESSAGE$/);
    const history = await lockstep(["app", "history", app.name, "-o", "json"]);
    const entries = JSON.parse(history.stdout) as { id: string; phase: string; initiator: string; revision: string }[];
    expect(entries.map((entry) => [entry.phase, entry.initiator])).toEqual([
      ["Succeeded", "token:cli"],
      ["Succeeded", "token:cli"],
    ]);

    const rollback = await lockstep(["app", "rollback", app.name, entries[1]!.id, "--wait"]);
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    expect(rollback.stdout).toMatch(/rollback \S+ of .* Succeeded/);
    const live = await kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "greeting", namespace: app.namespace } });
    expect(live?.data).toEqual({ greeting: "hello" });

    const got = await lockstep(["app", "get", app.name, "-o", "yaml"]);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toMatch(new RegExp(`^rolledBackTo: ${entries[1]!.revision}$`, "m"));
    const shown = await lockstep(["app", "get", app.name]);
    expect(shown.stdout).toMatch(new RegExp(`^Rolled back to: +${entries[1]!.revision.slice(0, 12)}$`, "m"));
  });

  it("exits 1 when a sync fails on a manifest the cluster refuses, naming the resource", async () => {
    const app = await setUp({ "service.yaml": BROKEN_SERVICE });
    const sync = await lockstep(["app", "sync", app.name, "--wait", "--timeout", "90s"]);
    expect(sync.code, sync.stdout + sync.stderr).toBe(1);
    expect(sync.stdout).toContain(`Service/${app.namespace}/broken`);
    expect(sync.stdout).toMatch(/sync \S+ of .* (Failed|Error)/);
  });

  it("exits 4 when an app that cannot become healthy is waited for with a short timeout", async () => {
    const app = await setUp({ "service.yaml": LOAD_BALANCER });
    const sync = await lockstep(["app", "sync", app.name]);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/queued as operation/);
    const wait = await lockstep(["app", "wait", app.name, "--health", "--timeout", "1s"]);
    expect(wait.code, wait.stdout + wait.stderr).toBe(4);
    expect(wait.stderr).toMatch(/^lockstep app wait: Timed out after 1s waiting for /);
  });

  it("exits 2 with one sentence for a bad flag", async () => {
    const bad = await lockstep(["app", "wait", "web", "--timeout", "90"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('lockstep app wait: --timeout must be a duration such as 90s, 5m or 1h30m (at most 24h), not "90".\nRun "lockstep app wait --help" for usage.\n');
  });
});
