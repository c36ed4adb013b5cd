/**
 * The write path every change lib/cd makes to a config repository shares: a clean
 * repository-relative path, a shallow clone opened with the right credentials, and a
 * commit pushed with retries — when another writer pushed first, the clone catches up
 * with the branch's new head and the change is made again on it, a bounded number of
 * times. Git's own words never reach a message (they can name internal hosts and paths);
 * they go to the error's `detail`.
 */
import path from "node:path";

import { authenticateRemote, isGitError, parseRepoUrl, redactCredentials, secretsOfAuth, type AuthenticatedRemote, type CredentialLookup, type RepoAuth } from "@/lib/source";

import { cloneConfigRepo, type ConfigClone } from "./config-clone";
import { SetImageError } from "./set-image-error";

/** The fixed sentences of Git failures: Git's own words can name internal hosts and paths, so they go to `detail` only. */
export const GIT_FAILURE_MESSAGES = {
  clone: "The repository could not be cloned: the URL is wrong, access was refused, or the Git host could not be reached.",
  push: "The Git host refused the push.",
  update: "A Git command failed while updating the repository.",
} as const;

/** A repository-relative path without `..`, leading slashes or backslashes; `.` for the root. */
export function cleanRepoPath(input: string): string {
  const trimmed = input.trim().replace(/^\.\/+/, "").replace(/\/+$/, "");
  const normalized = path.posix.normalize(trimmed === "" ? "." : trimmed);
  if (path.posix.isAbsolute(normalized) || normalized.split("/").includes("..") || normalized.includes("\\") || /[\0\n\r]/.test(normalized)) {
    throw new SetImageError(`The path "${input}" must be relative to the repository root and must not contain '..'.`, { kind: "invalid" });
  }
  return normalized;
}

/** Git's words, free of credentials, for {@link SetImageError.detail}. */
export function detailOf(text: string, remote: AuthenticatedRemote): string {
  return redactCredentials(text, { secrets: secretsOfAuth(remote.auth) }).trim();
}

/** Maps a failed git step to a SetImageError with a fixed message; what git said goes to `detail`. */
export function gitFailure(error: unknown, remote: AuthenticatedRemote, branch: string | undefined, step: "clone" | "update"): SetImageError {
  if (!isGitError(error)) throw error;
  const detail = detailOf(error.message, remote);
  if (step === "clone" && branch && /Remote branch .* not found|couldn't find remote ref/i.test(error.message)) {
    return new SetImageError(`The branch "${branch}" does not exist in the repository.`, { kind: "invalid", detail });
  }
  return new SetImageError(GIT_FAILURE_MESSAGES[step], { kind: "unreachable", detail });
}

/** Where to write and with which credentials. */
export interface ConfigRepoTarget {
  /** The config repository's URL (credentials in it are used, never shown). */
  repoUrl: string;
  /** The branch to commit to. @default the repository's default branch */
  branch?: string;
  /** Credentials; when absent, those in the URL or what `credentials` finds are used. */
  auth?: RepoAuth;
  /** Looks up stored repository credentials by URL (the server's); none when absent. */
  credentials?: CredentialLookup;
  /** Timeout of each git command, in milliseconds. @default 60_000 */
  timeoutMs?: number;
  /** Told about each step, for a CLI's progress lines. */
  onProgress?: (line: string) => void;
}

/**
 * Clones the target's branch, runs `work` on the clone and deletes the clone afterwards;
 * a git step failing inside `work` becomes a SetImageError with a fixed message.
 */
export async function withConfigClone<T>(target: ConfigRepoTarget, work: (clone: ConfigClone, remote: AuthenticatedRemote) => Promise<T>): Promise<T> {
  const remote = target.auth ? { url: parseRepoUrl(target.repoUrl).url, auth: target.auth } : await authenticateRemote(target.repoUrl, target.credentials);
  target.onProgress?.(`Cloning ${remote.url}${target.branch ? ` (${target.branch})` : ""}...`);
  const clone = await cloneConfigRepo(remote, { branch: target.branch, timeoutMs: target.timeoutMs }).catch((error: unknown) => {
    throw gitFailure(error, remote, target.branch, "clone");
  });
  try {
    return await work(clone, remote);
  } catch (error) {
    if (isGitError(error)) throw gitFailure(error, remote, clone.branch, "update");
    throw error;
  } finally {
    await clone.dispose();
  }
}

/** What one attempt at a change found: nothing to do, or a local commit to push. */
export type ChangeAttempt<T> = { committed: false; result: T } | { committed: true; commit: string; result: T };

/** Options of {@link pushWithRetry}. */
export interface PushWithRetryOptions<T> {
  /** Pushes tried before giving up. */
  maxAttempts: number;
  /** Makes the change on the clone's current head (attempt counts from 1) and commits it, or finds it already there. */
  change: (attempt: number) => Promise<ChangeAttempt<T>>;
  onProgress?: (line: string) => void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes a change and pushes it; on a moved branch catches up with its new head and makes the
 * change again, at most `maxAttempts` pushes. Answers the last attempt's result, whether it
 * pushed a commit, and how many pushes it tried.
 * @throws SetImageError — unreachable when the host refused the push for another reason; conflict when the branch kept moving.
 */
export async function pushWithRetry<T>(clone: ConfigClone, remote: AuthenticatedRemote, options: PushWithRetryOptions<T>): Promise<{ result: T; pushed: boolean; attempts: number }> {
  const maxAttempts = Math.max(1, options.maxAttempts);
  const progress = options.onProgress ?? (() => undefined);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const made = await options.change(attempt);
    if (!made.committed) return { result: made.result, pushed: false, attempts: attempt - 1 };
    progress(`Pushing ${made.commit.slice(0, 12)} to ${clone.branch} (attempt ${attempt} of ${maxAttempts})...`);
    const outcome = await clone.push();
    if (outcome.pushed) return { result: made.result, pushed: true, attempts: attempt };
    if (!outcome.retryable) throw new SetImageError(GIT_FAILURE_MESSAGES.push, { kind: "unreachable", detail: detailOf(outcome.reason, remote) });
    progress(`The branch ${clone.branch} moved (${outcome.reason}); applying the change again on its new head.`);
    await pause(50 + Math.random() * 200 * attempt);
    await clone.catchUp();
  }
  throw new SetImageError(`The branch ${clone.branch} kept moving; gave up after ${maxAttempts} attempts without pushing.`, { kind: "conflict" });
}
