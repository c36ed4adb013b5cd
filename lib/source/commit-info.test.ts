import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCommitInfoReader } from "./commit-info";
import { runGit } from "./git";

const IDENTITY = { GIT_AUTHOR_NAME: "Ada", GIT_AUTHOR_EMAIL: "ada@example.com", GIT_COMMITTER_NAME: "Bot", GIT_COMMITTER_EMAIL: "bot@example.com" };

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lockstep-commit-info-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("createCommitInfoReader", () => {
  it("reads the author date and, apart, the committer date (when the commit landed), both in UTC", async () => {
    await runGit(["init", "--quiet", "--initial-branch=main", dir]);
    await writeFile(path.join(dir, "cm.yaml"), "a: b\n");
    await runGit(["add", "."], { cwd: dir });
    const env = { ...IDENTITY, GIT_AUTHOR_DATE: "2026-11-01T10:00:00+02:00", GIT_COMMITTER_DATE: "2026-11-03T09:30:00-05:00" };
    await runGit(["-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "Release 1"], { cwd: dir, env });
    const sha = await runGit(["rev-parse", "HEAD"], { cwd: dir });
    const info = await createCommitInfoReader().read(path.join(dir, ".git"), sha);
    expect(info).toEqual({ sha, subject: "Release 1", author: "Ada <ada@example.com>", date: "2026-11-01T08:00:00.000Z", committedAt: "2026-11-03T14:30:00.000Z" });
  });
});
