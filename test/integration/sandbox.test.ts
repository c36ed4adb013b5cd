/**
 * The rendering sandbox against malicious repositories: each one yields a clear
 * ComparisonError (and a sync that applies nothing), the server keeps answering, and a
 * healthy app keeps syncing while the malicious ones are refreshed.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { writeCommit } from "@/tools/gitserver/write-commit";
import { commitFiles, createGitFixture, readDefaultBranch, type GitFixture } from "../helpers/git";
import { api, type OperationBody } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

interface AppBody {
  status: { syncStatus: string; conditions: { type: string; message: string }[] };
}

const CONFIGMAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  greeting: hello\n`;

/** "Billion laughs": nine levels of aliases, each ten times the one before. */
function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level <= 9; level++) {
    const refs = Array.from({ length: 10 }, () => `*a${level - 1}`).join(",");
    lines.push(`a${level}: &a${level} [${refs}]`);
  }
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

function manyDocuments(count: number): string {
  return Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`).join("---\n");
}

describe("the rendering sandbox", () => {
  let web: WebServer;
  let git: GitFixture;
  const malicious: { name: string; expected: RegExp }[] = [];

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig") });
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
  });

  /** A repository with the given commit, and an app on its `app` directory. */
  async function appOn(label: string, commit: (repo: string) => Promise<unknown>): Promise<string> {
    const id = randomBytes(3).toString("hex");
    const repoName = `${label}-${id}.git`;
    const repo = await git.createRepo(repoName);
    await commit(repo);
    const name = `${label}-${id}`;
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(repoName), targetRevision: "main", path: "app", destNamespace: name, createNamespace: true });
    expect(created.status, created.text).toBe(201);
    return name;
  }

  async function expectComparisonError(name: string, expected: RegExp): Promise<void> {
    const app = await api<AppBody>(web.url, "GET", `/api/apps/${name}`);
    const condition = app.body.status.conditions.find((c) => c.type === "ComparisonError");
    expect(condition?.message, JSON.stringify(app.body.status)).toMatch(expected);
    expect(app.body.status.syncStatus).toBe("Unknown");
    const sync = await api<OperationBody>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(sync.body.phase).toBe("Error");
    expect(sync.body.message).toMatch(expected);
    expect(sync.body.results).toEqual([]);
    malicious.push({ name, expected });
  }

  it("refuses a symlink to /etc/passwd, naming the link", async () => {
    const name = await appOn("symlink", async (repo) =>
      writeCommit(repo, {
        writes: [
          { path: "app/configmap.yaml", source: { content: CONFIGMAP("innocent") }, mode: "100644" },
          { path: "app/passwd.yaml", source: { content: "/etc/passwd" }, mode: "120000" },
        ],
        deletions: [],
        message: "Link to /etc/passwd",
        branch: await readDefaultBranch(repo),
      }),
    );
    await expectComparisonError(name, /app\/passwd\.yaml is a symlink that points outside the repository/);
    const app = await api(web.url, "GET", `/api/apps/${name}`);
    expect(app.text).not.toContain("root:x:0:0");
  });

  it("refuses a kustomization that includes itself", async () => {
    const name = await appOn("selfref", (repo) => commitFiles(repo, { files: { "app/kustomization.yaml": "resources:\n  - .\n  - configmap.yaml\n", "app/configmap.yaml": CONFIGMAP("a") }, message: "Self" }));
    await expectComparisonError(name, /the kustomization in app includes itself: app -> app/);
  });

  it("refuses a YAML alias bomb", async () => {
    const name = await appOn("bomb", (repo) => commitFiles(repo, { files: { "app/bomb.yaml": aliasBomb() }, message: "Laugh" }));
    await expectComparisonError(name, /app\/bomb\.yaml: YAML aliases expand too much/);
  });

  it("refuses a 50 MB file before reading it", async () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${"x".repeat(50 * 1024 * 1024)}"\n`;
    const name = await appOn("big", (repo) => commitFiles(repo, { files: { "app/big.yaml": big }, message: "Big" }));
    await expectComparisonError(name, /app\/big\.yaml is 50\.0 MiB; manifest files may be at most 8\.0 MiB \(LOCKSTEP_RENDER_MAX_FILE_BYTES\)/);
  });

  it("refuses 20,000 tiny documents", async () => {
    const name = await appOn("many", (repo) => commitFiles(repo, { files: { "app/many.yaml": manyDocuments(20_000) }, message: "Many" }));
    await expectComparisonError(name, /app\/many\.yaml brings the render over 10000 YAML documents/);
  });

  it("refuses '..' in an app's path, and a kustomization reaching out of the repository with '..'", async () => {
    const refused = await api(web.url, "POST", "/api/apps", { name: `dotdot-${randomBytes(3).toString("hex")}`, repoUrl: git.server.repoUrl("none.git"), path: "../..", destNamespace: "dotdot" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("Path must not contain '..' segments.");
    const name = await appOn("escape", (repo) => commitFiles(repo, { files: { "app/kustomization.yaml": "resources:\n  - ../../../../../../../../etc\n" }, message: "Escape" }));
    await expectComparisonError(name, /app\/kustomization\.yaml: resources entry \.\.\/(\.\.\/)+etc points outside the repository/);
  });

  it("refuses remote kustomize bases unless an administrator allows them", async () => {
    const name = await appOn("remote", (repo) => commitFiles(repo, { files: { "app/kustomization.yaml": "resources:\n  - https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.0.0\n" }, message: "Remote" }));
    await expectComparisonError(name, /is remote; remote bases are off \(an administrator may set LOCKSTEP_KUSTOMIZE_REMOTE_BASES=true\)/);
  });

  it("keeps answering and keeps syncing a healthy app while the malicious ones are refreshed", async () => {
    expect(malicious.length).toBeGreaterThanOrEqual(6);
    const healthy = await appOn("healthy", (repo) => commitFiles(repo, { files: { "app/configmap.yaml": CONFIGMAP("fine") }, message: "Fine" }));
    const refreshes = malicious.map(({ name }) => api(web.url, "POST", `/api/apps/${name}/refresh`));
    const list = await api<{ total: number }>(web.url, "GET", "/api/apps");
    expect(list.status).toBe(200);
    const sync = await api<OperationBody>(web.url, "POST", `/api/apps/${healthy}/sync?wait=true`, {});
    expect(sync.body.phase, sync.text).toBe("Succeeded");
    expect(sync.body.results.map((r) => r.action)).toEqual(["created"]);
    for (const [index, refreshed] of (await Promise.all(refreshes)).entries()) {
      expect(refreshed.status).toBe(200);
      expect(JSON.stringify(refreshed.body)).toMatch(malicious[index]!.expected);
    }
    const after = await api<AppBody>(web.url, "GET", `/api/apps/${healthy}`);
    expect(after.body.status.syncStatus).toBe("Synced");
  });
});
