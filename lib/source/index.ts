/**
 * lib/source — Git in, objects out. Keeps one bare mirror per repository URL,
 * resolves branches and tags with `ls-remote` on every refresh, fetches only
 * when the commit moved, checks a commit out into a private temporary
 * directory, and renders plain YAML/JSON directories or Kustomize into
 * Kubernetes objects marked as the app's. Never talks to the cluster; never
 * lets a credential into a message.
 *
 * Start with {@link loadDesiredState}; the steps it chains are exported too,
 * for callers that cache by commit.
 */
export { checkoutCommit, type Checkout, type CheckoutOptions } from "./checkout";
export { removeIdleCheckouts } from "./checkout-pool";
export { readCommitInfo, type CommitInfo } from "./commit-info";
export { DEFAULT_GIT_TIMEOUT_MS, execGit, runGit, type GitCommandOptions, type RunGitOptions } from "./git";
export { GitError, isGitError, type GitErrorDetails } from "./git-error";
export { KUSTOMIZATION_FILES, DEFAULT_KUSTOMIZE_TIMEOUT_MS } from "./kustomize";
export { findKustomizeBinary, type FindKustomizeOptions } from "./kustomize-bin";
export { loadDesiredState, type DesiredState, type LoadDesiredStateOptions } from "./load";
export {
  ensureCommit,
  hasCommit,
  mirrorDir,
  type EnsureCommitOptions,
  type EnsureCommitResult,
  type FetchEvent,
  type MirrorLocationOptions,
} from "./mirror";
export type { IsNamespaced } from "./namespacing";
export { trackingIdOf } from "./ownership";
export { redactCredentials, type RedactOptions } from "./redact";
export { renderManifests, type RenderOptions } from "./render";
export {
  resolveRemote,
  secretsOfAuth,
  setCredentialLookup,
  type AuthenticatedRemote,
  type CredentialLookup,
  type RepoAuth,
  type SshKeyCredentials,
} from "./repo-auth";
export { RenderError, isRenderError } from "./render-error";
export { parseRepoUrl, repoIdentity, type ParsedRepoUrl, type RepoCredentials } from "./repo-url";
export { repoLocation, repoMatchKey, type RepoLocation, type RepoTransport } from "./repo-location";
export { pickRevision, resolveRevision, type ResolveRevisionOptions } from "./revision";
export { createRevisionMemo, type RevisionMemo } from "./revision-memo";
export { RevisionNotFoundError, isRevisionNotFoundError } from "./revision-not-found-error";
export { isCommitSha } from "./sha";
export { SourceError, isSourceError } from "./source-error";
