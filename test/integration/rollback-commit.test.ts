/**
 * Making a rollback permanent, end to end: a real server, the local cluster and a bare
 * repository served over smart HTTP behind basic auth (the server's stored repository
 * credentials read and push). The commit restores the rolled-back revision's files
 * under the app's path (others untouched), names the caller and the history entry, and the
 * app returns to Synced at the new commit with automated sync back on — without a write to
 * the cluster. A project can forbid it; a branch that moves between clone and push is caught
 * up with.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { KubeConfig } from "@kubernetes/client-node";

import { restorePath } from "@/lib/cd";
import { KubeObjectClient } from "@/lib/kube/object-client";

import { commitFiles, createGitFixture, runGit, type GitFixture } from "../helpers/git";
import { api, type OperationBody } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: guestbook
spec:
  replicas: 1
  selector:
    matchLabels: { app: guestbook }
  template:
    metadata:
      labels: { app: guestbook }
    spec:
      containers:
        - name: web
          image: guestbook
`;

const KUSTOMIZATION = (tag: string) => `# Guestbook: bumped by CI on every release.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml   # the web front end
images:
  - name: guestbook
    newName: registry.example.com/demo/guestbook
    newTag: "${tag}"   # keep quoted
`;

/** Release A: the files the rollback goes back to (a note B deletes, no file B adds). */
const RELEASE_A = {
  "apps/guestbook/kustomization.yaml": KUSTOMIZATION("1.0.0"),
  "apps/guestbook/deployment.yaml": DEPLOYMENT,
  "apps/guestbook/legacy-notes.txt": "kept in 1.0.0 only\n",
  "README.md": "config\n",
  "apps/other/config.yaml": "owner: another team\n",
};

/** Release B: a new tag, a note deleted and one added under the path. */
const RELEASE_B = {
  "apps/guestbook/kustomization.yaml": KUSTOMIZATION("1.1.0"),
  "apps/guestbook/legacy-notes.txt": null,
  "apps/guestbook/release-notes.md": "1.1.0: new colours\n",
};

interface HistoryEntry extends OperationBody {
  kind: string;
  revision: string | null;
}

interface AppBody {
  automated: boolean;
  autoSyncPaused: boolean;
  rolledBackTo: string | null;
  status: { revision: string | null; syncStatus: string };
}

interface PreviewBody {
  historyId: string;
  revision: string;
  branch: string;
  path: string;
  files: { path: string; change: string }[];
  allowed: boolean;
}

interface CommitBody {
  commit: string;
  historyId: string;
  message: string;
}

/** The Git host's basic-auth account; the server reads and pushes with it as stored repository credentials. */
const GIT_AUTH = { username: "lockstep-bot", password: "planted-git-token-8d1e" };

function kubeClient(): KubeObjectClient {
  const kc = new KubeConfig();
  kc.loadFromFile(inject("kubeconfig"));
  return KubeObjectClient.forConfig(kc);
}

/**
 * Commits one file to a bare repository synchronously (plumbing only), so a test can land a
 * commit at an exact moment of another operation's progress.
 */
function commitSync(bareRepo: string, file: string, content: string, message: string): void {
  const scratch = execFileSync("mktemp", ["-d"], { encoding: "utf8" }).trim();
  try {
    const env = { ...process.env, GIT_INDEX_FILE: path.join(scratch, "index"), GIT_AUTHOR_NAME: "Other", GIT_AUTHOR_EMAIL: "other@acme.example", GIT_COMMITTER_NAME: "Other", GIT_COMMITTER_EMAIL: "other@acme.example" };
    const git = (args: string[], input?: string) => execFileSync("git", args, { cwd: bareRepo, env, encoding: "utf8", input }).trim();
    const parent = git(["rev-parse", "refs/heads/main"]);
    git(["read-tree", parent]);
    const blob = git(["hash-object", "-w", "--stdin"], content);
    git(["update-index", "--add", "--cacheinfo", `100644,${blob},${file}`]);
    const commit = git(["commit-tree", git(["write-tree"]), "-p", parent, "-m", message]);
    git(["update-ref", "refs/heads/main", commit, parent]);
  } finally {
    execFileSync("rm", ["-rf", scratch]);
  }
}

describe("making a rollback permanent", () => {
  let web: WebServer;
  let git: GitFixture;
  const kube = kubeClient();
  const namespaces: string[] = [];

  beforeAll(async () => {
    git = await createGitFixture({ auth: GIT_AUTH });
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_REFRESH_SECONDS: "2" } });
    const credential = await api(web.url, "POST", "/api/repositories", { urlPrefix: git.server.url, ...GIT_AUTH });
    expect(credential.status, credential.text).toBe(201);
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    await Promise.all(namespaces.map((name) => kube.deleteObject({ apiVersion: "v1", kind: "Namespace", metadata: { name } }).catch(() => undefined)));
  });

  const sync = async (name: string) => {
    const result = await api<HistoryEntry>(web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
    expect(result.status, result.text).toBe(200);
    expect(result.body.phase, result.body.message ?? "").toBe("Succeeded");
    return result.body;
  };
  const app = async (name: string) => (await api<AppBody>(web.url, "GET", `/api/apps/${name}`)).body;
  const history = async (name: string) => (await api<HistoryEntry[]>(web.url, "GET", `/api/apps/${name}/history`)).body;
  const generation = async (namespace: string) => (await kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "guestbook", namespace } }))?.metadata?.generation;

  /** An app on a fresh repository, synced at release A then B, then rolled back to A. */
  async function rolledBackApp(options: { project?: string } = {}) {
    const id = randomBytes(3).toString("hex");
    const repoName = `permanent-${id}.git`;
    const repo = await git.createRepo(repoName);
    const revisionA = await commitFiles(repo, { files: RELEASE_A, message: "Release guestbook 1.0.0" });
    const name = `perm-${id}`;
    namespaces.push(name);
    const created = await api(web.url, "POST", "/api/apps", {
      name,
      repoUrl: git.server.repoUrl(repoName),
      targetRevision: "main",
      path: "apps/guestbook",
      destNamespace: name,
      createNamespace: true,
      ...(options.project ? { project: options.project } : {}),
    });
    expect(created.status, created.text).toBe(201);
    const first = await sync(name);
    expect(first.revision).toBe(revisionA);
    await commitFiles(repo, { files: RELEASE_B, message: "Release guestbook 1.1.0" });
    await sync(name);
    expect((await api(web.url, "PATCH", `/api/apps/${name}`, { automated: true })).status).toBe(200);
    const rollback = await api<HistoryEntry>(web.url, "POST", `/api/apps/${name}/rollback?wait=true`, { operationId: first.id });
    expect(rollback.body.phase, rollback.text).toBe("Succeeded");
    expect(await app(name)).toMatchObject({ rolledBackTo: revisionA, automated: false, autoSyncPaused: true });
    const head = () => runGit(["rev-parse", "refs/heads/main"], { cwd: repo });
    return { name, repo, revisionA, first, head };
  }

  it("commits release A's files under the path, keeps other paths and a concurrent commit, and the app returns to Synced with automated sync on and no write to the cluster", async () => {
    const { name, repo, revisionA, first, head } = await rolledBackApp();
    const token = await api<{ value: string }>(web.url, "POST", "/api/tokens", { name: `deployer-${name}`, role: "deployer", expiresInDays: 1 });
    expect(token.status, token.text).toBe(201);

    const preview = await api<PreviewBody>(web.url, "GET", `/api/apps/${name}/rollback/commit`, undefined, { token: token.body.value });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({ historyId: first.id, revision: revisionA, branch: "main", path: "apps/guestbook", allowed: true });
    expect(preview.body.files).toEqual([
      { path: "apps/guestbook/kustomization.yaml", change: "changed" },
      { path: "apps/guestbook/legacy-notes.txt", change: "added" },
      { path: "apps/guestbook/release-notes.md", change: "deleted" },
    ]);

    const page = await fetch(`${web.url}/apps/${name}`, { headers: { authorization: `Bearer ${web.adminToken}` } });
    const html = await page.text();
    expect(html).toContain('data-testid="rollback-banner"');
    expect(html).toContain('data-testid="rollback-commit"');
    expect(html).toContain("Make permanent");

    commitSync(repo, "apps/other/config.yaml", "owner: another team, changed meanwhile\n", "Another team's change");
    const before = { head: await head(), generation: await generation(name), operations: (await history(name)).length };

    const committed = await api<CommitBody>(web.url, "POST", `/api/apps/${name}/rollback/commit`, undefined, { token: token.body.value });
    expect(committed.status, committed.text).toBe(201);
    expect(committed.body.historyId).toBe(first.id);
    expect(committed.body.message).toContain(`Make rollback of ${name} to ${revisionA.slice(0, 7)} (history #${first.id}) permanent`);
    expect(committed.body.message).toContain(`Requested by token:deployer-${name}`);

    expect(await head()).toBe(committed.body.commit);
    expect(await runGit(["rev-parse", `${committed.body.commit}^`], { cwd: repo })).toBe(before.head);
    expect(await runGit(["rev-parse", `${committed.body.commit}:apps/guestbook`], { cwd: repo })).toBe(await runGit(["rev-parse", `${revisionA}:apps/guestbook`], { cwd: repo }));
    expect(await runGit(["show", "main:apps/guestbook/kustomization.yaml"], { cwd: repo })).toBe(KUSTOMIZATION("1.0.0").trimEnd());
    expect(await runGit(["show", "main:apps/other/config.yaml"], { cwd: repo })).toBe("owner: another team, changed meanwhile");
    expect(await runGit(["log", "-1", "--format=%B", "main"], { cwd: repo })).toBe(committed.body.message);

    await expect
      .poll(async () => {
        const now = await app(name);
        return { revision: now.status.revision, sync: now.status.syncStatus, automated: now.automated, paused: now.autoSyncPaused, rolledBackTo: now.rolledBackTo };
      }, { timeout: 30_000, interval: 250 })
      .toEqual({ revision: committed.body.commit, sync: "Synced", automated: true, paused: false, rolledBackTo: null });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect((await history(name)).length).toBe(before.operations);
    expect(await generation(name)).toBe(before.generation);
    expect((await app(name)).status.syncStatus).toBe("Synced");

    const again = await api<{ error: string }>(web.url, "POST", `/api/apps/${name}/rollback/commit`);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe(`Application "${name}" is not rolled back, so there is no rollback to make permanent.`);

    await expect
      .poll(async () => (await api<{ entries: { action: string; actor: string; status: number; detail: string | null }[] }>(web.url, "GET", `/api/audit?app=${name}`)).body.entries.find((e) => e.action === "app.rollback-commit" && e.status === 201))
      .toMatchObject({ actor: `token:deployer-${name}`, detail: `Committed ${committed.body.commit.slice(0, 12)} restoring history entry ${first.id}.` });
  });

  it("answers 403 when the app's project forbids it, and pushes nothing", async () => {
    const project = `no-commit-${randomBytes(3).toString("hex")}`;
    const created = await api(web.url, "POST", "/api/projects", { name: project, sourceRepos: ["*"], appNamespace: true, rollback: { allowCommit: false } });
    expect(created.status, created.text).toBe(201);
    const { name, head } = await rolledBackApp({ project });
    const before = await head();
    const preview = await api<PreviewBody>(web.url, "GET", `/api/apps/${name}/rollback/commit`);
    expect(preview.body.allowed).toBe(false);
    const refused = await api<{ error: string }>(web.url, "POST", `/api/apps/${name}/rollback/commit`);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.error).toBe(`Project "${project}" does not allow making a rollback permanent; change the repository by hand or resume automated sync.`);
    expect(await head()).toBe(before);
    expect((await app(name)).rolledBackTo).not.toBeNull();
  });

  it("restores the path again on the new head when another push lands between its clone and its push", async () => {
    const repoName = `race-${randomBytes(3).toString("hex")}.git`;
    const repo = await git.createRepo(repoName);
    const revisionA = await commitFiles(repo, { files: RELEASE_A, message: "Release guestbook 1.0.0" });
    await commitFiles(repo, { files: RELEASE_B, message: "Release guestbook 1.1.0" });
    let raced = false;
    const result = await restorePath({
      repoUrl: git.server.repoUrl(repoName),
      path: "apps/guestbook",
      revision: revisionA,
      message: "Restore guestbook",
      auth: { basic: GIT_AUTH },
      onProgress: (line) => {
        if (raced || !line.startsWith("Pushing")) return;
        raced = true;
        commitSync(repo, "README.md", "changed by another pipeline\n", "Another pipeline's commit");
      },
    });
    expect(raced).toBe(true);
    expect(result).toMatchObject({ status: "committed", attempts: 2 });
    expect(await runGit(["show", "main:README.md"], { cwd: repo })).toBe("changed by another pipeline");
    expect(await runGit(["rev-parse", "main:apps/guestbook"], { cwd: repo })).toBe(await runGit(["rev-parse", `${revisionA}:apps/guestbook`], { cwd: repo }));
    expect((await runGit(["log", "--format=%s", "main"], { cwd: repo })).split("\n")).toEqual(["Restore guestbook", "Another pipeline's commit", "Release guestbook 1.1.0", "Release guestbook 1.0.0"]);
  });
});
