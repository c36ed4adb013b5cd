/** Who made a commit, when, and why — what the app page and history show. */
import { runGit, type GitCommandOptions } from "./git";
import { assertCommitSha } from "./sha";

/** The facts about one commit that Lockstep displays and records. */
export interface CommitInfo {
  /** Full commit SHA. */
  sha: string;
  /** First line of the commit message. */
  subject: string;
  /** `Name <email>` of the author. */
  author: string;
  /** Author date as an ISO 8601 string in UTC, e.g. `2025-01-01T00:00:00.000Z`. */
  date: string;
}

/** Reads commit `sha` from a bare mirror (the commit must already be there, see `ensureCommit`). */
export async function readCommitInfo(mirror: string, sha: string, options: GitCommandOptions = {}): Promise<CommitInfo> {
  assertCommitSha(sha);
  const output = await runGit(
    ["log", "-1", "--no-show-signature", "--no-color", "--format=%H%x00%s%x00%an%x00%ae%x00%aI", sha, "--"],
    { ...options, gitDir: mirror },
  );
  const [fullSha = sha, subject = "", name = "", email = "", date = ""] = output.split("\0");
  return { sha: fullSha, subject, author: `${name} <${email}>`, date: new Date(date).toISOString() };
}
