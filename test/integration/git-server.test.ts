import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import { request as httpRequest } from "node:http";
import { setTimeout } from "node:timers/promises";

import { simpleGit } from "simple-git";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  basicAuthHeader,
  commitFiles,
  copyDirToRepo,
  createGitFixture,
  gitClientEnv,
  runGit,
  runGitForResult,
  type GitEnv,
  type GitFixture,
} from "@/test/helpers/git";

const credentials = { username: "lockstep", password: "s3cret-Pa55word" };

/** Environment for a git client with an identity (for local commits) and optional credentials. */
function clientEnv(options: { withCredentials?: boolean } = {}): GitEnv {
  return gitClientEnv({
    credentials: options.withCredentials ? credentials : undefined,
    config: { "user.name": "Test Client", "user.email": "client@lockstep.test" },
  });
}

async function clone(fixture: GitFixture, url: string, env: GitEnv): Promise<string> {
  const dest = path.join(await fixture.makeTempDir("clone"), "work");
  await runGit(["clone", "--quiet", url, dest], { env });
  return dest;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Starts a protocol-v2 `ls-refs` POST whose body is only half sent, so the server
 * holds an in-flight `git http-backend` until `finish()` sends the rest.
 */
function startSlowLsRefs(repoUrl: string): { finish(): Promise<{ status: number; body: string }> } {
  const request = httpRequest(`${repoUrl}/git-upload-pack`, {
    method: "POST",
    headers: { "Content-Type": "application/x-git-upload-pack-request", "Git-Protocol": "version=2" },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("error", reject);
    request.on("response", (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
  });
  request.write("0014command=ls-refs\n");
  return {
    finish: () => {
      request.end("0000");
      return response;
    },
  };
}

describe("a public git server", () => {
  let fixture: GitFixture;
  let repo: string;

  beforeEach(async () => {
    fixture = await createGitFixture();
    repo = await fixture.createRepo("config.git");
  });
  afterEach(() => fixture.cleanup());

  it("serves a file committed with commitFiles to a clone made by the git CLI", async () => {
    await commitFiles(repo, { files: { "apps/guestbook.yaml": "kind: Deployment\n" }, message: "Add guestbook" });

    const work = await clone(fixture, fixture.server.repoUrl("config.git"), clientEnv());

    expect(await readFile(path.join(work, "apps/guestbook.yaml"), "utf8")).toBe("kind: Deployment\n");
  });

  it("serves a clone made by simple-git", async () => {
    await commitFiles(repo, { files: { "README.md": "# config\n" }, message: "Add readme" });
    const work = path.join(await fixture.makeTempDir("simple-git"), "work");

    await simpleGit().clone(fixture.server.repoUrl("config.git"), work);

    expect(await readFile(path.join(work, "README.md"), "utf8")).toBe("# config\n");
    expect((await simpleGit(work).log()).latest?.message).toBe("Add readme");
  });

  it("shows the SHA returned by commitFiles in git ls-remote", async () => {
    await commitFiles(repo, { files: { "a.yaml": "a: 1\n" }, message: "First" });
    const sha = await commitFiles(repo, { files: { "a.yaml": "a: 2\n" }, message: "Second" });

    const refs = await runGit(["ls-remote", fixture.server.repoUrl("config.git")], { env: clientEnv() });

    expect(refs).toContain(`${sha}\tHEAD`);
    expect(refs).toContain(`${sha}\trefs/heads/main`);
  });

  it("produces the same SHAs for the same commits in another repository", async () => {
    const other = await fixture.createRepo("other.git");
    const commit = (bare: string) => commitFiles(bare, { files: { "a.yaml": "a: 1\n" }, message: "Same" });

    expect(await commit(repo)).toBe(await commit(other));
  });

  it("removes a file deleted with null in the next commit and keeps it in the previous one", async () => {
    const first = await commitFiles(repo, { files: { "keep.yaml": "k\n", "drop.yaml": "d\n" }, message: "Add" });
    const second = await commitFiles(repo, { files: { "drop.yaml": null }, message: "Drop" });

    const work = await clone(fixture, fixture.server.repoUrl("config.git"), clientEnv());

    expect(await exists(path.join(work, "drop.yaml"))).toBe(false);
    expect(await exists(path.join(work, "keep.yaml"))).toBe(true);
    expect(await runGit(["rev-parse", "HEAD~1"], { cwd: work })).toBe(first);
    expect(await runGit(["rev-parse", "HEAD"], { cwd: work })).toBe(second);
    expect(await runGit(["show", `${first}:drop.yaml`], { cwd: work })).toBe("d");
  });

  it("starts a branch that does not exist yet with a parentless commit and leaves main alone", async () => {
    const main = await commitFiles(repo, { files: { "a.yaml": "main\n" }, message: "Main" });
    const staging = await commitFiles(repo, { files: { "b.yaml": "staging\n" }, message: "Staging", branch: "staging" });

    const refs = await runGit(["ls-remote", "--heads", fixture.server.repoUrl("config.git")], { env: clientEnv() });
    const parents = await runGit(["rev-list", "--parents", "-n", "1", staging], { cwd: repo });

    expect(refs).toContain(`${main}\trefs/heads/main`);
    expect(refs).toContain(`${staging}\trefs/heads/staging`);
    expect(parents).toBe(staging);
  });

  it("mirrors a directory under a prefix with copyDirToRepo, keeping exec bits and dropping files that disappeared", async () => {
    const source = await fixture.makeTempDir("examples");
    await mkdir(path.join(source, "guestbook"), { recursive: true });
    await writeFile(path.join(source, "guestbook/deployment.yaml"), "kind: Deployment\n");
    await writeFile(path.join(source, "guestbook/service.yaml"), "kind: Service\n");
    await writeFile(path.join(source, "guestbook/render.sh"), "#!/bin/sh\n", { mode: 0o755 });
    await commitFiles(repo, { files: { "README.md": "outside\n", "apps-legacy/old.yaml": "outside\n" }, message: "Seed" });
    await copyDirToRepo(repo, source, { message: "Import examples", prefix: "apps" });
    await writeFile(path.join(source, "guestbook/service.yaml"), "kind: Service\nspec: {}\n");
    await rm(path.join(source, "guestbook/deployment.yaml"));
    await copyDirToRepo(repo, source, { message: "Re-import examples", prefix: "apps" });

    const entries = await runGit(["ls-tree", "-r", "--format=%(objectmode) %(path)", "main"], { cwd: repo });

    expect(entries.split("\n")).toEqual([
      "100644 README.md",
      "100644 apps-legacy/old.yaml",
      "100755 apps/guestbook/render.sh",
      "100644 apps/guestbook/service.yaml",
    ]);
    expect(await runGit(["show", "main:apps/guestbook/service.yaml"], { cwd: repo })).toBe("kind: Service\nspec: {}");
  });

  it("refuses a push unless pushing is allowed", async () => {
    await commitFiles(repo, { files: { "a.yaml": "a\n" }, message: "First" });
    const work = await clone(fixture, fixture.server.repoUrl("config.git"), clientEnv());
    await runGit(["commit", "--quiet", "--allow-empty", "-m", "Local"], { cwd: work, env: clientEnv() });

    const push = await runGitForResult(["push", "origin", "main"], { cwd: work, env: clientEnv() });

    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toMatch(/403/);
  });

  it("sends and accepts a gzip request body when a fetch negotiates many local commits", async () => {
    await commitFiles(repo, { files: { "a.yaml": "a\n" }, message: "First" });
    const work = await clone(fixture, fixture.server.repoUrl("config.git"), clientEnv());
    for (let index = 0; index < 60; index += 1) {
      await runGit(["commit", "--quiet", "--allow-empty", "-m", `Local ${index}`], { cwd: work, env: clientEnv() });
    }
    const upstream = await commitFiles(repo, { files: { "b.yaml": "b\n" }, message: "Upstream" });

    const fetch = await runGitForResult(["fetch", "origin"], {
      cwd: work,
      env: { ...clientEnv(), GIT_TRACE_CURL: "1", GIT_TRACE_CURL_NO_DATA: "1" },
    });

    expect(fetch.exitCode).toBe(0);
    expect(fetch.stderr).toMatch(/Send header: Content-Encoding: gzip/);
    expect(await runGit(["rev-parse", "origin/main"], { cwd: work })).toBe(upstream);
  });
});

describe("a git server behind basic auth", () => {
  let fixture: GitFixture;
  let repo: string;
  let url: string;

  beforeEach(async () => {
    fixture = await createGitFixture({ auth: credentials });
    repo = await fixture.createRepo("private.git");
    await commitFiles(repo, { files: { "secret-app.yaml": "kind: ConfigMap\n" }, message: "Add app" });
    url = fixture.server.repoUrl("private.git");
  });
  afterEach(() => fixture.cleanup());

  it("answers a request without credentials with 401 and a Basic challenge", async () => {
    const response = await fetch(`${url}/info/refs?service=git-upload-pack`);

    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Basic realm="lockstep-test"');
    await response.body?.cancel();
  });

  it("fails a clone without credentials instead of prompting", async () => {
    const dest = path.join(await fixture.makeTempDir("clone"), "work");

    const result = await runGitForResult(["clone", url, dest], { env: clientEnv() });

    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/terminal prompts disabled|401|Authentication failed/);
  });

  it("fails a clone with a wrong password without echoing it", async () => {
    const dest = path.join(await fixture.makeTempDir("clone"), "work");
    const wrong = gitClientEnv({ credentials: { username: credentials.username, password: "wrong-Pa55word" } });

    const result = await runGitForResult(["clone", url, dest], { env: wrong });

    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/Authentication failed/);
    expect(result.stderr).not.toContain("wrong-Pa55word");
  });

  it("clones with credentials in the URL", async () => {
    const withUserInfo = new URL(url);
    withUserInfo.username = credentials.username;
    withUserInfo.password = credentials.password;

    const work = await clone(fixture, withUserInfo.toString(), clientEnv());

    expect(await readFile(path.join(work, "secret-app.yaml"), "utf8")).toBe("kind: ConfigMap\n");
  });

  it("clones with credentials from a credential helper", async () => {
    const work = await clone(fixture, url, clientEnv({ withCredentials: true }));

    expect(await readFile(path.join(work, "secret-app.yaml"), "utf8")).toBe("kind: ConfigMap\n");
  });

  it("clones with simple-git sending an http.extraHeader authorization", async () => {
    const work = path.join(await fixture.makeTempDir("simple-git"), "work");
    const git = simpleGit({
      config: [`http.extraHeader=Authorization: ${basicAuthHeader(credentials)}`],
      allowEnvironment: ["GIT_TERMINAL_PROMPT"],
    }).env({ PATH: process.env.PATH, GIT_TERMINAL_PROMPT: "0" });

    await git.clone(url, work);

    expect(await readFile(path.join(work, "secret-app.yaml"), "utf8")).toBe("kind: ConfigMap\n");
  });

  it("accepts a push from an authenticated client into the bare repository", async () => {
    const env = clientEnv({ withCredentials: true });
    const work = await clone(fixture, url, env);
    await writeFile(path.join(work, "pushed.yaml"), "kind: Secret\n");
    await runGit(["add", "pushed.yaml"], { cwd: work, env });
    await runGit(["commit", "--quiet", "-m", "Push over HTTP"], { cwd: work, env });
    const local = await runGit(["rev-parse", "HEAD"], { cwd: work });

    await runGit(["push", "--quiet", "origin", "main"], { cwd: work, env });

    expect(await runGit(["rev-parse", "refs/heads/main"], { cwd: repo })).toBe(local);
    expect(await runGit(["show", "main:pushed.yaml"], { cwd: repo })).toBe("kind: Secret");
  });

  it("streams a push larger than http.postBuffer as a chunked request", async () => {
    const env = clientEnv({ withCredentials: true });
    const work = await clone(fixture, url, env);
    await writeFile(path.join(work, "large.bin"), randomBytes(3 * 1024 * 1024));
    await runGit(["add", "large.bin"], { cwd: work, env });
    await runGit(["commit", "--quiet", "-m", "Large file"], { cwd: work, env });

    const push = await runGitForResult(["push", "origin", "main"], {
      cwd: work,
      env: { ...env, GIT_TRACE_CURL: "1", GIT_TRACE_CURL_NO_DATA: "1" },
    });

    expect(push.exitCode).toBe(0);
    expect(push.stderr).toMatch(/Send header: Transfer-Encoding: chunked/);
    expect(await runGit(["rev-parse", "refs/heads/main"], { cwd: repo })).toBe(await runGit(["rev-parse", "HEAD"], { cwd: work }));
  });
});

describe("a git server with allowPush and no auth", () => {
  let fixture: GitFixture;

  beforeEach(async () => {
    fixture = await createGitFixture({ allowPush: true });
  });
  afterEach(() => fixture.cleanup());

  it("accepts a push from an anonymous client", async () => {
    const repo = await fixture.createRepo("open.git");
    await commitFiles(repo, { files: { "a.yaml": "a\n" }, message: "First" });
    const work = await clone(fixture, fixture.server.repoUrl("open.git"), clientEnv());
    await runGit(["commit", "--quiet", "--allow-empty", "-m", "Local"], { cwd: work, env: clientEnv() });

    await runGit(["push", "--quiet", "origin", "main"], { cwd: work, env: clientEnv() });

    expect(await runGit(["log", "-1", "--format=%s", "main"], { cwd: repo })).toBe("Local");
  });
});

describe("closing a git server", () => {
  let fixture: GitFixture;

  beforeEach(async () => {
    fixture = await createGitFixture();
    await commitFiles(await fixture.createRepo("config.git"), { files: { "a.yaml": "a\n" }, message: "First" });
  });
  afterEach(() => fixture.cleanup());

  it("waits for an in-flight request to finish before resolving", async () => {
    const request = startSlowLsRefs(fixture.server.repoUrl("config.git"));
    await setTimeout(200);
    let isClosed = false;
    const closing = fixture.server.close().then(() => {
      isClosed = true;
    });
    await setTimeout(100);
    expect(isClosed).toBe(false);

    const response = await request.finish();
    await closing;

    expect(response.status).toBe(200);
    expect(response.body).toContain("refs/heads/main");
  });

  it("resolves while a client holds an idle keep-alive connection and then refuses connections", async () => {
    const url = `${fixture.server.repoUrl("config.git")}/info/refs?service=git-upload-pack`;
    const response = await fetch(url);
    await response.arrayBuffer();

    await fixture.server.close();
    await fixture.server.close();

    const refused = await runGitForResult(["ls-remote", fixture.server.repoUrl("config.git")], { env: clientEnv() });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toMatch(/Could not connect|Connection refused|Failed to connect/i);
  });
});
