/**
 * lib/source — Git in, objects out. Keeps one bare mirror per repository URL,
 * resolves branches and tags with `ls-remote` on every refresh, fetches only
 * when the commit moved, checks a commit out into a private temporary
 * directory, and renders plain YAML/JSON directories or Kustomize into
 * Kubernetes objects marked as the app's. Never talks to the cluster; never
 * lets a credential into a message.
 *
 * Build one {@link createSource} per engine: the source owns the mirrors, checkouts and
 * caches (nothing is kept at module level), takes its credential lookup as an option, and
 * `close()` releases them.
 */
export { checkoutCommit, type Checkout, type CheckoutOptions } from "./checkout";
export type { CommitInfo } from "./commit-info";
export { DEFAULT_GIT_TIMEOUT_MS, execGit, runGit, type GitCommandOptions, type RunGitOptions } from "./git";
export { GitError, isGitError, type GitErrorDetails } from "./git-error";
export { KUSTOMIZATION_FILES, DEFAULT_KUSTOMIZE_TIMEOUT_MS } from "./kustomize";
export { findKustomizeBinary, type FindKustomizeOptions } from "./kustomize-bin";
export type { DesiredState, LoadDesiredStateRequest } from "./load";
export { SOURCE_TYPES, type HelmParameter, type HelmSourceSpec, type SourceSpec, type SourceType } from "./source-spec";
export { detectSourceType } from "./detect-source";
export { findHelmBinary, type FindHelmOptions } from "./kustomize-bin";
export type { ClusterCapabilities } from "./helm";
export { hasCommit, type EnsureCommitOptions, type EnsureCommitResult, type FetchEvent } from "./mirror";
export type { IsNamespaced } from "./namespacing";
export { redactCredentials, type RedactOptions } from "./redact";
export { renderManifests, type RenderOptions } from "./render";
export {
  authenticateRemote,
  secretsOfAuth,
  type AuthenticatedRemote,
  type CredentialLookup,
  type RepoAuth,
  type SshKeyCredentials,
} from "./repo-auth";
export { RenderError, isRenderError } from "./render-error";
export { parseRepoUrl, repoIdentity, type ParsedRepoUrl, type RepoCredentials } from "./repo-url";
export { repoLocation, repoMatchKey, type RepoLocation, type RepoTransport } from "./repo-location";
export { pickRevision, type ResolveRevisionOptions } from "./revision";
export { createRevisionMemo, type RevisionMemo } from "./revision-memo";
export { RevisionNotFoundError, isRevisionNotFoundError } from "./revision-not-found-error";
export { isCommitSha } from "./sha";
export { createSource, type Source } from "./source";
export { SourceError, isSourceError } from "./source-error";
export { DEFAULT_CACHE_SIZES, sourceOptionsFromEnv, type SourceCacheSizes, type SourceOptions } from "./source-options";
