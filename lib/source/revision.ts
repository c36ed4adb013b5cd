/**
 * Revision resolution: a branch, tag or `HEAD` is asked of the remote with
 * `git ls-remote` on every call — never answered from the mirror, which may be
 * stale — and a full commit SHA is taken as is.
 */
import { execGit, toGitError, type GitCommandOptions } from "./git";
import { authenticateRemote, type CredentialLookup } from "./repo-auth";
import type { RevisionMemo } from "./revision-memo";
import { RevisionNotFoundError } from "./revision-not-found-error";
import { isCommitSha } from "./sha";
import { measureGit, type SourceMetrics } from "./source-metrics";
import { SourceError } from "./source-error";

/** Options for resolving a revision (`Source.resolveRevision`). */
export interface ResolveRevisionOptions extends GitCommandOptions {
  /**
   * Answers shared by callers of one refresh cycle: the remote is asked once
   * per (repository, revision) for all of them.
   */
  revisions?: RevisionMemo;
}

/** What {@link resolveRevisionWith} needs besides {@link ResolveRevisionOptions}: the source's credential lookup. */
export interface RevisionLookupOptions extends ResolveRevisionOptions {
  /** Asked for the credentials of a URL that carries none. */
  credentials?: CredentialLookup;
  /** Told how long each `ls-remote` took and whether it failed. */
  metrics?: SourceMetrics;
}

/**
 * Resolves `revision` of `repoUrl` to a commit SHA. A full 40- or 64-hex SHA is
 * returned without contacting the remote. Otherwise `git ls-remote` runs, and
 * the first match wins in this order: the branch `refs/heads/<rev>`, the commit
 * an annotated tag points at (`refs/tags/<rev>^{}`), the tag `refs/tags/<rev>`.
 * `HEAD` and full ref names (`refs/...`) match exactly.
 * @throws RevisionNotFoundError when nothing matches.
 * @throws GitError when the remote cannot be read.
 */
export async function resolveRevisionWith(repoUrl: string, revision: string, options: RevisionLookupOptions = {}): Promise<string> {
  const wanted = revision.trim();
  if (isCommitSha(wanted.toLowerCase())) return wanted.toLowerCase();
  assertRefName(wanted);
  const { revisions, credentials, metrics, ...git } = options;
  const lookup = () => lsRemote(repoUrl, wanted, git, credentials, metrics);
  return revisions ? revisions.resolve(repoUrl, wanted, lookup) : lookup();
}

async function lsRemote(repoUrl: string, wanted: string, options: GitCommandOptions, credentials: CredentialLookup | undefined, metrics: SourceMetrics | undefined): Promise<string> {
  const remote = await authenticateRemote(repoUrl, credentials);
  const result = await measureGit(
    metrics,
    "ls-remote",
    () => execGit(["ls-remote", "--", remote.url, ...candidateRefs(wanted)], { ...options, auth: remote.auth }),
    (done) => done.exitCode === 0 && !done.timedOut && !done.aborted,
  );
  if (result.exitCode !== 0 || result.timedOut || result.aborted) {
    throw toGitError("ls-remote", result, { ...options, auth: remote.auth });
  }
  const sha = pickRevision(result.stdout, wanted);
  if (!sha) throw new RevisionNotFoundError(wanted, remote.url);
  return sha;
}

/**
 * Picks the commit for `revision` out of `git ls-remote` output (`<sha>\t<ref>`
 * lines), preferring a branch over a peeled annotated tag over a tag.
 * Returns `undefined` when no ref matches exactly.
 */
export function pickRevision(lsRemoteOutput: string, revision: string): string | undefined {
  const refs = new Map<string, string>();
  for (const line of lsRemoteOutput.split("\n")) {
    const [sha, ref] = line.trim().split("\t");
    if (sha && ref) refs.set(ref, sha.toLowerCase());
  }
  for (const ref of candidateRefs(revision)) {
    const sha = refs.get(ref);
    if (sha) return sha;
  }
  return undefined;
}

/** The exact ref names that may stand for `revision`, best first. */
function candidateRefs(revision: string): string[] {
  if (revision === "HEAD") return ["HEAD"];
  if (revision.startsWith("refs/")) return [`${revision}^{}`, revision];
  return [`refs/heads/${revision}`, `refs/tags/${revision}^{}`, `refs/tags/${revision}`];
}

/**
 * Refuses names git could never have as a ref (see git-check-ref-format(1)) —
 * and so anything that could be read as an option or a pattern.
 */
function assertRefName(revision: string): void {
  const isValid =
    revision !== "" &&
    !revision.startsWith("-") &&
    !revision.startsWith("/") &&
    !revision.endsWith("/") &&
    !revision.endsWith(".") &&
    !revision.endsWith(".lock") &&
    !revision.includes("..") &&
    !revision.includes("//") &&
    !revision.includes("@{") &&
    !/[\x00-\x20\x7f~^:?*[\\]/.test(revision);
  if (!isValid) throw new SourceError(`revision "${revision}" is not a valid branch, tag or commit SHA`);
}
