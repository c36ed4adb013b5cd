/**
 * `lockstep set-image` end to end: the real CLI (`npx lockstep`), a real bare repository
 * served over smart HTTP behind basic auth, real git pushes racing each other.
 */
import { execFile, execFileSync } from "node:child_process";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { setImage } from "@/lib/cd";

import { commitFiles, createGitFixture, runGit, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../helpers/web-server";

const USERNAME = "ci-bot";
const TOKEN = "planted-ci-token-5f3a9c";

const KUSTOMIZATION = `# Guestbook, production.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - deployment.yaml   # the web front end
  - service.yaml

images:
  # bumped by CI on every release
  - name: guestbook
    newName: registry.example.com/demo/guestbook # moved in 2024
    newTag: "1.0.0"
  - name: redis
    newTag: '7.2'   # pinned by ops
commonLabels: {team: web, tier: "frontend"}
`;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npx lockstep …` without blocking this process (which serves the Git repositories). */
function lockstep(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile("npx", ["lockstep", ...args], { env: { ...process.env, ...env }, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const credentials = { LOCKSTEP_REPO_USERNAME: USERNAME, LOCKSTEP_REPO_TOKEN: TOKEN };

let git: GitFixture;
let counter = 0;

beforeAll(async () => {
  git = await createGitFixture({ auth: { username: USERNAME, password: TOKEN } });
});

afterAll(async () => {
  await git?.cleanup();
});

/** A fresh repository holding the commented kustomization at apps/guestbook/. */
async function configRepo() {
  counter += 1;
  const name = `config-${counter}.git`;
  const repo = await git.createRepo(name);
  await commitFiles(repo, { files: { "apps/guestbook/kustomization.yaml": KUSTOMIZATION, "README.md": "config\n" }, message: "Initial config" });
  const show = (file = "apps/guestbook/kustomization.yaml") => runGit(["show", `main:${file}`], { cwd: repo });
  const head = () => runGit(["rev-parse", "main"], { cwd: repo });
  const log = () => runGit(["log", "--format=%an <%ae>%x09%s", "main"], { cwd: repo });
  return { repo, url: git.server.repoUrl(name), show, head, log };
}

describe("lockstep set-image against a private repository over smart HTTP", () => {
  it("changes only the tag's bytes, keeps every comment and quote, and commits with a clear message and author", async () => {
    const { url, show, log } = await configRepo();
    const result = await lockstep(["set-image", "guestbook=registry.example.com/demo/guestbook:1.4.2", "--repo", url, "--path", "apps/guestbook"], credentials);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Set guestbook to registry\.example\.com\/demo\/guestbook:1\.4\.2 in apps\/guestbook\/kustomization\.yaml on main \(commit [0-9a-f]{12}\)\.\n$/);
    expect(await show()).toBe(KUSTOMIZATION.replace('newTag: "1.0.0"', 'newTag: "1.4.2"').trimEnd());
    expect((await log()).split("\n")[0]).toBe("Lockstep set-image <set-image@lockstep.local>\tSet image guestbook to registry.example.com/demo/guestbook:1.4.2");
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it("makes no commit when run again with the same image, and says so", async () => {
    const { url, head } = await configRepo();
    const args = ["set-image", "redis:7.4", "--repo", url, "--path", "apps/guestbook/kustomization.yaml", "--author", "Release Bot <release@acme.example>"];
    expect((await lockstep(args, credentials)).code).toBe(0);
    const afterFirst = await head();
    const again = await lockstep(args, credentials);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe("apps/guestbook/kustomization.yaml on main already sets redis to redis:7.4; nothing to commit.\n");
    expect(await head()).toBe(afterFirst);
  });

  it("lands two runs started together on different images of the same file", async () => {
    const { url, show, log } = await configRepo();
    const [first, second] = await Promise.all([
      lockstep(["set-image", "guestbook:2.0.0", "--repo", url, "--path", "apps/guestbook"], credentials),
      lockstep(["set-image", "redis:7.4", "--repo", url, "--path", "apps/guestbook"], credentials),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(await show()).toBe(KUSTOMIZATION.replace('"1.0.0"', '"2.0.0"').replace("'7.2'", "'7.4'").trimEnd());
    expect((await log()).split("\n")).toHaveLength(3);
  });

  it("applies its change again on the new head when another push lands between its clone and its push", async () => {
    const { repo, url, show, log } = await configRepo();
    let raced = false;
    const result = await setImage({
      repoUrl: url,
      path: "apps/guestbook",
      image: { name: "guestbook", newTag: "3.0.0" },
      auth: { basic: { username: USERNAME, password: TOKEN } },
      onProgress: (line) => {
        if (raced || !line.startsWith("Pushing")) return;
        raced = true;
        commitSync(repo, "README.md", "changed by another pipeline\n", "Another pipeline's commit");
      },
    });
    expect(raced).toBe(true);
    expect(result).toMatchObject({ status: "committed", attempts: 2 });
    expect(await show()).toBe(KUSTOMIZATION.replace('"1.0.0"', '"3.0.0"').trimEnd());
    expect(await show("README.md")).toBe("changed by another pipeline");
    expect((await log()).split("\n").map((line) => line.split("\t")[1])).toEqual([
      "Set image guestbook to registry.example.com/demo/guestbook:3.0.0",
      "Another pipeline's commit",
      "Initial config",
    ]);
  });

  it("refuses a malformed image before cloning or writing anything", async () => {
    const { url, head } = await configRepo();
    const before = await head();
    const result = await lockstep(["set-image", "guestbook=Registry.Example.com/Guest Book:1.0", "--repo", url, "--path", "apps/guestbook"], credentials);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'lockstep set-image: "guestbook=Registry.Example.com/Guest Book:1.0" is not a valid image: write it as guestbook=registry.example.com/team/guestbook:1.4.2 (no spaces).\n',
    );
    const badTag = await lockstep(["set-image", "guestbook:-1", "--repo", url, "--path", "apps/guestbook"], credentials);
    expect(badTag.code).toBe(2);
    expect(badTag.stderr).toContain(`The tag "-1" is not valid`);
    expect(await head()).toBe(before);
  });

  it("adds the image to a kustomization that has no images list", async () => {
    const { repo, url, show } = await configRepo();
    await commitFiles(repo, { files: { "apps/worker/kustomization.yaml": "resources:\n  - worker.yaml # the queue worker\n" }, message: "Add worker" });
    const result = await lockstep(["set-image", "worker=registry.example.com/demo/worker:0.9.1", "--repo", url, "--path", "apps/worker"], credentials);
    expect(result.code, result.stderr).toBe(0);
    expect(await show("apps/worker/kustomization.yaml")).toBe(
      "resources:\n  - worker.yaml # the queue worker\nimages:\n  - name: worker\n    newName: registry.example.com/demo/worker\n    newTag: 0.9.1",
    );
  });

  it("fails with a fixed sentence, the Git host's reason below it, and without the token when the token is wrong", async () => {
    const { url, head } = await configRepo();
    const before = await head();
    const wrong = "wrong-token-ffff1234";
    const result = await lockstep(["set-image", "guestbook:9.9.9", "--repo", url, "--path", "apps/guestbook"], { LOCKSTEP_REPO_USERNAME: USERNAME, LOCKSTEP_REPO_TOKEN: wrong });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^lockstep set-image: The repository could not be cloned: .*\n {2}Git said: git clone failed: /m);
    expect(result.stdout + result.stderr).not.toContain(wrong);
    expect(await head()).toBe(before);
  });
});

describe("POST /api/images, the same operation over HTTP", () => {
  const CI_TOKEN = `ci-${Date.now().toString(36)}-token`;
  let web: WebServer;

  beforeAll(async () => {
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_CI_TOKEN: CI_TOKEN } });
    const stored = await api(web.url, "POST", "/api/repositories", { urlPrefix: git.server.url, username: USERNAME, password: TOKEN });
    expect(stored.status, stored.text).toBe(201);
  });

  afterAll(async () => {
    await web?.stop();
  });

  const post = (body: unknown, token: string | null = CI_TOKEN) => api<Record<string, unknown>>(web.url, "POST", "/api/images", body, { token });

  /** Registers an app on `url`: the image API writes only to repositories apps deploy from. */
  async function registerApp(url: string): Promise<void> {
    const created = await api(web.url, "POST", "/api/apps", { name: `images-${counter}-${Date.now().toString(36)}`, repoUrl: url, path: "apps/guestbook", targetRevision: "main", destNamespace: "default" });
    expect(created.status, created.text).toBe(201);
  }

  it("refuses a caller without the CI token", async () => {
    const { url, head } = await configRepo();
    const before = await head();
    const body = { repoUrl: url, path: "apps/guestbook", image: "guestbook:5.0.0" };
    const anonymous = await post(body, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toMatch(/token is required: send Authorization: Bearer <token>\.$/);
    const wrong = await post(body, "not-the-ci-token");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/token is not valid\.$/);
    expect(await head()).toBe(before);
  });

  it("commits the image with the stored repository credentials, then answers unchanged for the same image", async () => {
    const { url, show, head } = await configRepo();
    await registerApp(url);
    const body = { repoUrl: url, path: "apps/guestbook", image: { name: "guestbook", newTag: "5.0.0" }, author: { name: "API Pipeline", email: "api@acme.example" } };
    const first = await post(body);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ status: "committed", branch: "main", file: "apps/guestbook/kustomization.yaml", attempts: 1, commit: await head() });
    expect(await show()).toBe(KUSTOMIZATION.replace('"1.0.0"', '"5.0.0"').trimEnd());

    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "unchanged", attempts: 0, commit: await head() });
    expect(first.text + again.text + web.logs()).not.toContain(TOKEN);
  });

  it("refuses a malformed image with one sentence and pushes nothing", async () => {
    const { url, head } = await configRepo();
    await registerApp(url);
    const before = await head();
    const refused = await post({ repoUrl: url, path: "apps/guestbook", image: "guestbook@sha256:abc" });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('The digest "sha256:abc" is not valid: expected an algorithm and lowercase hex, e.g. sha256: followed by 64 hex digits.');
    expect(await head()).toBe(before);
  });
});

/**
 * Commits one file to a bare repository synchronously (plumbing only), so a test can land a
 * commit at an exact moment of another operation's progress.
 */
function commitSync(bareRepo: string, file: string, content: string, message: string): void {
  const scratch = execFileSync("mktemp", ["-d"], { encoding: "utf8" }).trim();
  try {
    const env = {
      ...process.env,
      GIT_INDEX_FILE: path.join(scratch, "index"),
      GIT_AUTHOR_NAME: "Other Pipeline",
      GIT_AUTHOR_EMAIL: "other@acme.example",
      GIT_COMMITTER_NAME: "Other Pipeline",
      GIT_COMMITTER_EMAIL: "other@acme.example",
    };
    const git = (args: string[], input?: string) => execFileSync("git", args, { cwd: bareRepo, env, encoding: "utf8", input }).trim();
    const parent = git(["rev-parse", "refs/heads/main"]);
    git(["read-tree", parent]);
    const blob = git(["hash-object", "-w", "--stdin"], content);
    git(["update-index", "--add", "--cacheinfo", `100644,${blob},${file}`]);
    const tree = git(["write-tree"]);
    const commit = git(["commit-tree", tree, "-p", parent, "-m", message]);
    git(["update-ref", "refs/heads/main", commit, parent]);
  } finally {
    execFileSync("rm", ["-rf", scratch]);
  }
}
