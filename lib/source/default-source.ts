/**
 * The process's default sources, for callers not yet handed a {@link Source}: the module-level
 * functions below (`loadDesiredState`, `setCredentialLookup`, …) keep their old signatures and
 * delegate to a source made on first use from the environment (see `sourceOptionsFromEnv`),
 * one per data directory a caller names. Transitional: once the engine is built with its own
 * source, this file goes.
 *
 * The only module of lib/source with process-wide state. It is kept on `globalThis` because
 * Next.js bundles the reconciler (instrumentation) apart from the route handlers, and a module
 * copy per bundle would mean two mirror locks whose fetches collide.
 */
import type { CommitInfo } from "./commit-info";
import type { GitCommandOptions } from "./git";
import type { DesiredState, LoadDesiredStateRequest } from "./load";
import type { EnsureCommitOptions, EnsureCommitResult, MirrorLocationOptions } from "./mirror";
import type { AuthenticatedRemote, CredentialLookup, RepoAuth } from "./repo-auth";
import type { ResolveRevisionOptions } from "./revision";
import { createSource, type Source } from "./source";
import { sourceOptionsFromEnv } from "./source-options";

const globalForSource = globalThis as unknown as {
  lockstepSources?: Map<string, Source>;
  lockstepCredentialLookup?: CredentialLookup;
};

async function installedCredentials(repoUrl: string): Promise<RepoAuth | undefined> {
  return globalForSource.lockstepCredentialLookup?.(repoUrl);
}

/**
 * The default source of `dataDir` (by default the environment's data directory), made on first
 * use from the environment's options and the installed credential lookup.
 */
export function defaultSource(dataDir?: string): Source {
  const fromEnv = sourceOptionsFromEnv(process.env);
  const dir = dataDir ?? fromEnv.dataDir;
  const sources = (globalForSource.lockstepSources ??= new Map());
  let source = sources.get(dir);
  if (!source) {
    source = createSource({ ...fromEnv, dataDir: dir, credentials: installedCredentials });
    sources.set(dir, source);
  }
  return source;
}

/** Options of the module-level {@link loadDesiredState}: a request, and which default source answers it. */
export interface LoadDesiredStateOptions extends LoadDesiredStateRequest {
  /** The data directory whose default source loads. @default `LOCKSTEP_DATA_DIR`, else `.data` */
  dataDir?: string;
}

/** `Source.loadDesiredState` of the default source (of `options.dataDir`). */
export function loadDesiredState(options: LoadDesiredStateOptions): Promise<DesiredState> {
  const { dataDir, ...request } = options;
  return defaultSource(dataDir).loadDesiredState(request);
}

/**
 * Installs the credential lookup the default sources ask for repositories whose URL carries no
 * credentials. Pass `undefined` to remove it. A source built with `createSource` takes its
 * lookup as the `credentials` option instead.
 */
export function setCredentialLookup(lookup: CredentialLookup | undefined): void {
  globalForSource.lockstepCredentialLookup = lookup;
}

/** `Source.resolveRemote` of the default source. */
export function resolveRemote(repoUrl: string): Promise<AuthenticatedRemote> {
  return defaultSource().resolveRemote(repoUrl);
}

/** `Source.resolveRevision` of the default source. */
export function resolveRevision(repoUrl: string, revision: string, options?: ResolveRevisionOptions): Promise<string> {
  return defaultSource().resolveRevision(repoUrl, revision, options);
}

/** `Source.ensureCommit` of the default source (of `options.dataDir`). */
export function ensureCommit(repoUrl: string, sha: string, options: EnsureCommitOptions & MirrorLocationOptions = {}): Promise<EnsureCommitResult> {
  const { dataDir, ...ensureOptions } = options;
  return defaultSource(dataDir).ensureCommit(repoUrl, sha, ensureOptions);
}

/** `Source.mirrorDir` of the default source (of `options.dataDir`). */
export function mirrorDir(repoUrl: string, options: MirrorLocationOptions = {}): string {
  return defaultSource(options.dataDir).mirrorDir(repoUrl);
}

/** `Source.readCommitInfo` of the default source. */
export function readCommitInfo(mirror: string, sha: string, options?: GitCommandOptions): Promise<CommitInfo> {
  return defaultSource().readCommitInfo(mirror, sha, options);
}

/** `Source.removeIdleCheckouts` of every default source. */
export async function removeIdleCheckouts(): Promise<void> {
  await Promise.all([...(globalForSource.lockstepSources?.values() ?? [])].map((source) => source.removeIdleCheckouts()));
}
