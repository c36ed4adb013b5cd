import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { runGit } from "@/lib/source";

import { assertRegularClonePath, inspectClonePath } from "./clone-path";
import { GIT_FAILURE_MESSAGES, setImage } from "./set-image";
import { isSetImageError } from "./set-image-error";

const IDENTITY = { GIT_AUTHOR_NAME: "Lockstep", GIT_AUTHOR_EMAIL: "lockstep@example.com", GIT_COMMITTER_NAME: "Lockstep", GIT_COMMITTER_EMAIL: "lockstep@example.com" };
const OUTSIDE = "# not Lockstep's to edit\nimages:\n  - name: guestbook\n    newTag: '1.0.0'\n";

let work: string;
let repo: string;
let outside: string;

/** Commits `files` (contents, or `{ link }` for a symbolic link) to the repository at `repo`. */
async function commit(files: Record<string, string | { link: string }>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const absolute = path.join(repo, file);
    await mkdir(path.dirname(absolute), { recursive: true });
    if (typeof content === "string") await writeFile(absolute, content);
    else await symlink(content.link, absolute);
  }
  await runGit(["add", "."], { cwd: repo });
  await runGit(["-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "files"], { cwd: repo, env: IDENTITY });
}

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "lockstep-clone-path-"));
  repo = path.join(work, "repo");
  outside = path.join(work, "outside");
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(outside, "kustomization.yaml"), OUTSIDE);
  await runGit(["init", "--quiet", "--initial-branch=main", repo]);
  await commit({ "README.md": "config\n", "apps/web/kustomization.yaml": "resources: []\n" });
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("inspectClonePath", () => {
  it("tells a regular file from a missing path and a directory", async () => {
    expect(await inspectClonePath(repo, "apps/web/kustomization.yaml")).toBe("file");
    expect(await inspectClonePath(repo, "apps/web/kustomization.yml")).toBe("missing");
    expect(await inspectClonePath(repo, "README.md/kustomization.yaml")).toBe("missing");
    expect(await inspectClonePath(repo, "apps/web")).toBe("other");
  });

  it("refuses a committed symbolic link to a file outside the repository", async () => {
    await commit({ "apps/evil/kustomization.yaml": { link: path.join(outside, "kustomization.yaml") } });
    await expect(inspectClonePath(repo, "apps/evil/kustomization.yaml")).rejects.toThrow(/goes through the symbolic link "apps\/evil\/kustomization\.yaml"/);
  });

  it("refuses a path through a symbolic link to a directory, even one inside the repository", async () => {
    await commit({ linked: { link: outside }, "apps/alias": { link: "web" } });
    await expect(inspectClonePath(repo, "linked/kustomization.yaml")).rejects.toThrow(/symbolic link "linked"/);
    await expect(assertRegularClonePath(repo, "apps/alias/kustomization.yaml")).rejects.toThrow(/symbolic link "apps\/alias"/);
  });
});

describe("setImage on a repository with a symbolic link", () => {
  it("refuses to edit a kustomization that is a symbolic link, and leaves the file it points at untouched", async () => {
    await commit({ "apps/evil/kustomization.yaml": { link: path.join(outside, "kustomization.yaml") } });
    const attempt = setImage({ repoUrl: repo, path: "apps/evil", image: { name: "guestbook", newTag: "6.6.6" }, auth: {} });
    const error: unknown = await attempt.catch((thrown: unknown) => thrown);
    expect(isSetImageError(error) && error.kind).toBe("invalid");
    expect((error as Error).message).toContain("symbolic link");
    expect(await readFile(path.join(outside, "kustomization.yaml"), "utf8")).toBe(OUTSIDE);
  });

  it("answers a fixed sentence when the repository cannot be cloned, keeping Git's words in detail", async () => {
    const missing = path.join(work, "no-such-repo");
    const error: unknown = await setImage({ repoUrl: missing, path: "apps/web", image: { name: "web", newTag: "1.0.0" }, auth: {} }).catch((thrown: unknown) => thrown);
    expect(isSetImageError(error) && error.kind).toBe("unreachable");
    expect((error as Error).message).toBe(GIT_FAILURE_MESSAGES.clone);
    expect(isSetImageError(error) && error.detail).toContain("no-such-repo");
  });
});
