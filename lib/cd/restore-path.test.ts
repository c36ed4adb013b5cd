import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { runGit } from "@/lib/source";

import { restorePath } from "./restore-path";
import { isSetImageError } from "./set-image-error";

const IDENTITY = { GIT_AUTHOR_NAME: "Dev", GIT_AUTHOR_EMAIL: "dev@example.com", GIT_COMMITTER_NAME: "Dev", GIT_COMMITTER_EMAIL: "dev@example.com" };

let work: string;
let bare: string;
let author: string;

/** Writes `files` (null deletes) in the author's clone, commits and pushes; answers the commit. */
async function push(files: Record<string, string | null>, message = "change"): Promise<string> {
  for (const [file, content] of Object.entries(files)) {
    const absolute = path.join(author, file);
    if (content === null) await rm(absolute);
    else {
      await mkdir(path.dirname(absolute), { recursive: true });
      await writeFile(absolute, content);
    }
  }
  await runGit(["add", "-A"], { cwd: author });
  await runGit(["-c", "commit.gpgsign=false", "commit", "--quiet", "-m", message], { cwd: author, env: IDENTITY });
  await runGit(["push", "--quiet", "origin", "HEAD:main"], { cwd: author });
  return runGit(["rev-parse", "HEAD"], { cwd: author });
}

const show = (spec: string) => runGit(["show", spec], { cwd: bare });

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "lockstep-restore-path-"));
  bare = path.join(work, "config.git");
  author = path.join(work, "author");
  await runGit(["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  await runGit(["clone", "--quiet", bare, author]);
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("restorePath on a bare repository over file://", () => {
  it("makes the directory equal the old revision's, byte for byte, and leaves other paths as the head has them", async () => {
    const old = await push({ "apps/web/kustomization.yaml": "# keep this comment\nresources: [deploy.yaml]\n", "apps/web/deploy.yaml": "kind: Deployment # v1\n", "README.md": "one\n" });
    await push({ "apps/web/deploy.yaml": "kind: Deployment # v2\n", "apps/web/extra.yaml": "kind: ConfigMap\n", "apps/web/kustomization.yaml": null, "apps/web/kustomization.yml": "resources: []\n", "README.md": "two\n" });
    const result = await restorePath({ repoUrl: `file://${bare}`, branch: "main", path: "apps/web", revision: old, message: "Restore web\n\nRequested by alice", auth: {} });
    expect(result).toMatchObject({ status: "committed", branch: "main", path: "apps/web", attempts: 1 });
    expect(result.files).toEqual([
      { path: "apps/web/deploy.yaml", change: "changed" },
      { path: "apps/web/extra.yaml", change: "deleted" },
      { path: "apps/web/kustomization.yaml", change: "added" },
      { path: "apps/web/kustomization.yml", change: "deleted" },
    ]);
    expect(await runGit(["rev-parse", "main"], { cwd: bare })).toBe(result.commit);
    expect(await runGit(["rev-parse", `${result.commit}:apps/web`], { cwd: bare })).toBe(await runGit(["rev-parse", `${old}:apps/web`], { cwd: bare }));
    expect(await show("main:apps/web/kustomization.yaml")).toBe("# keep this comment\nresources: [deploy.yaml]");
    expect(await show("main:README.md")).toBe("two");
    expect(await runGit(["log", "-1", "--format=%B", "main"], { cwd: bare })).toBe("Restore web\n\nRequested by alice");
  });

  it("previews the files without pushing, and commits nothing when the head already has them", async () => {
    const old = await push({ "apps/web/a.yaml": "a: 1\n" });
    const head = await push({ "apps/web/a.yaml": "a: 2\n" });
    const preview = await restorePath({ repoUrl: `file://${bare}`, path: "apps/web", revision: old, message: "m", auth: {}, dryRun: true });
    expect(preview).toMatchObject({ status: "preview", commit: head, files: [{ path: "apps/web/a.yaml", change: "changed" }] });
    expect(await runGit(["rev-parse", "main"], { cwd: bare })).toBe(head);
    const same = await restorePath({ repoUrl: `file://${bare}`, path: "apps/web", revision: head, message: "m", auth: {} });
    expect(same).toMatchObject({ status: "unchanged", commit: head, files: [], attempts: 0 });
  });

  it("refuses a commit the repository no longer has, with one sentence", async () => {
    await push({ "apps/web/a.yaml": "a: 1\n" });
    const error: unknown = await restorePath({ repoUrl: `file://${bare}`, path: "apps/web", revision: "0".repeat(40), message: "m", auth: {} }).catch((thrown: unknown) => thrown);
    expect(isSetImageError(error) && error.kind).toBe("conflict");
    expect((error as Error).message).toBe("The commit 0000000 can no longer be fetched from the repository.");
  });
});
