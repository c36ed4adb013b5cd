/** Who made a commit, when, and why — what the app page and history show. */
import { LRUCache } from "lru-cache";

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
  /** Committer date as an ISO 8601 string in UTC: when the commit landed (lead time for changes). */
  committedAt?: string;
}

/** How many commits' facts are remembered; a commit never changes, so they never go stale. */
export const REMEMBERED_COMMITS = 1000;

/** Reads commits' facts, each once. */
export interface CommitInfoReader {
  /**
   * Reads commit `sha` from a bare mirror (the commit must already be there, see `ensureCommit`).
   * A commit's facts never change, so they are read once: when a push moves a branch many apps
   * follow, every app renders the same commit without a `git log` each.
   */
  read(mirror: string, sha: string, options?: GitCommandOptions): Promise<CommitInfo>;
}

/** Creates a {@link CommitInfoReader} remembering the last `max` commits it read. */
export function createCommitInfoReader(options: { max?: number } = {}): CommitInfoReader {
  /** Reads by commit, kept from their start: the renders of a new commit that start together wait for one `git log`. */
  const remembered = new LRUCache<string, Promise<CommitInfo>>({ max: options.max ?? REMEMBERED_COMMITS });
  return {
    async read(mirror, sha, git = {}) {
      assertCommitSha(sha);
      const key = `${mirror}\n${sha}`;
      let reading = remembered.get(key);
      if (!reading) {
        const started = readFromGit(mirror, sha, git);
        remembered.set(key, started);
        started.catch(() => {
          if (remembered.get(key) === started) remembered.delete(key);
        });
        reading = started;
      }
      return { ...(await reading) };
    },
  };
}

async function readFromGit(mirror: string, sha: string, options: GitCommandOptions): Promise<CommitInfo> {
  const output = await runGit(
    ["log", "-1", "--no-show-signature", "--no-color", "--format=%H%x00%s%x00%an%x00%ae%x00%aI%x00%cI", sha, "--"],
    { ...options, gitDir: mirror },
  );
  const [fullSha = sha, subject = "", name = "", email = "", date = "", committed = ""] = output.split("\0");
  const info: CommitInfo = { sha: fullSha, subject, author: `${name} <${email}>`, date: new Date(date).toISOString() };
  if (committed.trim()) info.committedAt = new Date(committed.trim()).toISOString();
  return info;
}
