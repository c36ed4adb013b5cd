/**
 * `POST /api/images` as an attack surface. With the CI token, a caller could ask the server to
 * clone `file:///etc`, a local path or an internal host, and read Git's error text back; and a
 * repository could commit `kustomization.yaml` as a symbolic link to a file outside the clone,
 * which the server would then rewrite (the path traversal of Argo CD's CVE-2022-24348). Every
 * such request must be refused with one sentence, no Git text, and the outside file untouched.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { commitFiles, createGitFixture, runGit, type GitFixture } from "../../helpers/git";
import { api } from "../../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../../helpers/web-server";

const CI_TOKEN = `ci-${Date.now().toString(36)}-images-api`;
const OUTSIDE = "# outside the clone: Lockstep must never write here\nimages:\n  - name: guestbook\n    newTag: '1.0.0'\n";
/** Words Git prints on failure; none may reach an answer. */
const GIT_TEXT = /fatal|git clone|git ls-remote|does not appear to be a git repository|not found|Could not resolve|Connection refused|\/etc/i;

describe("POST /api/images refuses repositories no app uses and symbolic links", () => {
  let web: WebServer;
  let git: GitFixture;
  let outsideDir: string;

  beforeAll(async () => {
    git = await createGitFixture();
    outsideDir = await mkdtemp(path.join(os.tmpdir(), "lockstep-outside-"));
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_CI_TOKEN: CI_TOKEN } });
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    if (outsideDir) await rm(outsideDir, { recursive: true, force: true });
  });

  const post = (body: unknown) => api<{ error?: string }>(web.url, "POST", "/api/images", body, { token: CI_TOKEN });

  it.each([
    ["a file:// URL", "file:///etc"],
    ["a local path", "/etc"],
    ["an http URL no app uses", "http://127.0.0.1:9/internal/config.git"],
  ])("refuses %s with one sentence and no Git text", async (_label, repoUrl) => {
    const refused = await post({ repoUrl, path: "apps/guestbook", image: "guestbook:6.6.6" });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.error).toMatch(/^No application deploys from this repository;/);
    expect(refused.text).not.toMatch(GIT_TEXT);
  });

  it("refuses a kustomization committed as a symbolic link to a file outside the clone, and leaves that file untouched", async () => {
    const outsideFile = path.join(outsideDir, "kustomization.yaml");
    await writeFile(outsideFile, OUTSIDE);
    const name = `symlink-${Date.now().toString(36)}`;
    const repo = await git.createRepo(`${name}.git`);
    const before = await commitFiles(repo, { files: { "apps/guestbook/deployment.yaml": "# placeholder\n" }, message: "Initial config" });
    const linked = await commitSymlink(repo, "apps/guestbook/kustomization.yaml", outsideFile);
    expect(linked).not.toBe(before);
    const url = git.server.repoUrl(`${name}.git`);
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: url, path: "apps/guestbook", targetRevision: "main", destNamespace: "default" });
    expect(created.status, created.text).toBe(201);

    const refused = await post({ repoUrl: url, path: "apps/guestbook", image: "guestbook:6.6.6" });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.error).toContain("symbolic link");
    expect(refused.text).not.toMatch(GIT_TEXT);
    expect(await readFile(outsideFile, "utf8")).toBe(OUTSIDE);
    expect(await runGit(["rev-parse", "main"], { cwd: repo })).toBe(linked);
  });
});

/** Commits a symbolic link `file -> target` to the bare repository `bareRepo` (plumbing only). */
async function commitSymlink(bareRepo: string, file: string, target: string): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lockstep-index-"));
  try {
    const env = { GIT_INDEX_FILE: path.join(scratch, "index"), GIT_AUTHOR_NAME: "Attacker", GIT_AUTHOR_EMAIL: "a@example.com", GIT_COMMITTER_NAME: "Attacker", GIT_COMMITTER_EMAIL: "a@example.com" };
    const parent = await runGit(["rev-parse", "refs/heads/main"], { cwd: bareRepo });
    await runGit(["read-tree", parent], { cwd: bareRepo, env });
    const blob = await runGit(["hash-object", "-w", "--stdin"], { cwd: bareRepo, env, input: target });
    await runGit(["update-index", "--add", "--cacheinfo", `120000,${blob},${file}`], { cwd: bareRepo, env });
    const tree = await runGit(["write-tree"], { cwd: bareRepo, env });
    const commit = await runGit(["commit-tree", tree, "-p", parent, "-m", "Link the kustomization"], { cwd: bareRepo, env });
    await runGit(["update-ref", "refs/heads/main", commit, parent], { cwd: bareRepo });
    return commit;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
