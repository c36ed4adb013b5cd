/**
 * Making a rollback permanent: the rolled-back revision's files under the app's path are
 * restored in a new commit to the config repository (lib/cd's `restorePath`, the clone and
 * push-with-retry path set-image uses), so Git matches what runs again. Once pushed, the
 * rollback is over: automated sync is turned back on if the rollback paused it, and the app
 * is compared with the new commit at once — it finds Git matching the live state, so nothing
 * is written to the cluster. The app's project may forbid it (`rollback.allowCommit`), checked
 * at the moment of writing.
 */
import type { Principal } from "@/lib/auth/principal";
import { describePrincipal } from "@/lib/auth/principal";
import { isSetImageError, restoreCommitMessage, restorePath, type FileChangeSummary, type RestorePathOptions, type RestorePathResult } from "@/lib/cd";
import type { AppRecord } from "@/lib/db/apps";
import type { OperationRecord } from "@/lib/db/operations";
import { ConflictError, isErrorOfKind, RefusedByPolicyError } from "@/lib/errors";
import type { CredentialLookup } from "@/lib/source";
import type { EngineContext } from "./context";
import { messageOf } from "./context";
import { branchOfTarget, rolledBackEntryId } from "./rollback-entry";

/** What a rollback commit writes, or would write. */
export interface RollbackCommitPreview {
  /** The history entry the app was rolled back to. */
  historyId: string;
  /** The rolled-back revision whose files are restored. */
  revision: string;
  /** The branch the commit goes to. */
  branch: string;
  /** The app's path in the repository. */
  path: string;
  /** The branch head the preview was computed on. */
  head: string;
  /** The files under the path the commit adds, changes or deletes. */
  files: FileChangeSummary[];
  /** Whether the app's project lets it be committed (`rollback.allowCommit`). */
  allowed: boolean;
}

/** What making a rollback permanent answered: the contract of `POST /api/apps/{name}/rollback/commit`. */
export interface RollbackCommitResult {
  /** The pushed commit. */
  commit: string;
  historyId: string;
  /** The commit message. */
  message: string;
}

/** What the rollback committer is built from. */
export interface RollbackCommitDependencies {
  /** Stored repository credentials, by URL. @default none */
  credentials?: CredentialLookup;
  /** Restores a path in Git. @default lib/cd's restorePath */
  restore?: (options: RestorePathOptions) => Promise<RestorePathResult>;
  /** Compares the app with Git now (a refresh: automation may follow). */
  refresh: (name: string) => Promise<unknown>;
}

interface RolledBack {
  entry: OperationRecord;
  revision: string;
}

/** The history entry a rolled-back app runs, or a conflict saying why there is nothing to make permanent. */
async function rolledBackState(ctx: Pick<EngineContext, "db">, app: AppRecord): Promise<RolledBack> {
  if (!app.rolledBackTo) throw new ConflictError(`Application "${app.name}" is not rolled back, so there is no rollback to make permanent.`);
  const entryId = rolledBackEntryId(await ctx.db.operations.listOperations(app.id, 100));
  if (!entryId) throw new ConflictError(`Application "${app.name}" has no successful rollback in its history to make permanent.`);
  const entry = await ctx.db.operations.getOperation(app.id, entryId).catch((error: unknown) => {
    if (isErrorOfKind(error, "not-found")) throw new ConflictError(`The history entry application "${app.name}" was rolled back to is no longer kept.`);
    throw error;
  });
  if (!entry.revision) throw new ConflictError(`The history entry application "${app.name}" was rolled back to records no Git revision to restore.`);
  return { entry, revision: entry.revision };
}

async function isAllowedByProject(ctx: Pick<EngineContext, "db">, app: AppRecord): Promise<boolean> {
  return (await ctx.db.projects.getProjectDefinition(app.project)).rollback.allowCommit;
}

async function assertProjectAllows(ctx: Pick<EngineContext, "db">, app: AppRecord): Promise<void> {
  const project = await ctx.db.projects.getProjectDefinition(app.project);
  if (!project.rollback.allowCommit) {
    throw new RefusedByPolicyError(`Project "${project.name}" does not allow making a rollback permanent; change the repository by hand or resume automated sync.`);
  }
}

function alreadyInGit(app: AppRecord, revision: string, path: string): ConflictError {
  return new ConflictError(`Git already has ${revision.slice(0, 7)}'s files under ${path} for application "${app.name}"; there is nothing to commit.`);
}

/** Builds the rollback committer of one engine. */
export function createRollbackCommitter(ctx: Pick<EngineContext, "db" | "events" | "log">, deps: RollbackCommitDependencies) {
  const restore = deps.restore ?? restorePath;
  const target = (app: AppRecord) => ({ repoUrl: app.repoUrl, branch: branchOfTarget(app.name, app.targetRevision), path: app.path, credentials: deps.credentials });

  /** Which files a rollback commit would change; nothing is committed. @throws ConflictError when the app is not rolled back. */
  async function preview(app: AppRecord): Promise<RollbackCommitPreview> {
    const { entry, revision } = await rolledBackState(ctx, app);
    const result = await restore({ ...target(app), revision, message: "preview", dryRun: true });
    return { historyId: entry.id, revision, branch: result.branch, path: result.path, head: result.commit, files: result.files, allowed: await isAllowedByProject(ctx, app) };
  }

  /**
   * Commits the rolled-back revision's files under the app's path, pushes, ends the rollback
   * (automated sync back on if it paused it) and compares the app with the new commit.
   * @throws ConflictError when the app is not rolled back, an operation runs, or Git already has those files; RefusedByPolicyError when the project forbids it.
   */
  async function commit(app: AppRecord, caller: Principal): Promise<RollbackCommitResult> {
    const { entry, revision } = await rolledBackState(ctx, app);
    if (await ctx.db.operations.isOperationRunning(app.id)) throw new ConflictError(`An operation is already in progress for application "${app.name}".`);
    await assertProjectAllows(ctx, app);
    const message = restoreCommitMessage({ app: app.name, revision, historyId: entry.id, path: app.path, requestedBy: describePrincipal(caller) });
    const result = await restore({ ...target(app), revision, message }).catch((error: unknown) => {
      if (isSetImageError(error) && error.detail) ctx.log.error(`making the rollback of ${app.name} permanent failed: ${error.message} Git said: ${error.detail}`);
      throw error;
    });
    if (result.status !== "committed") throw alreadyInGit(app, revision, result.path);
    await ctx.db.apps.clearRollback(app.id, { resumeAutomation: true });
    ctx.events.publish({ type: "app-status", app: app.name, detail: { resumed: true, commit: result.commit } });
    await deps.refresh(app.name).catch((error: unknown) => ctx.log.error(`refreshing ${app.name} after its rollback commit failed: ${messageOf(error)}`));
    return { commit: result.commit, historyId: entry.id, message };
  }

  return { preview, commit };
}

/** The rollback committer of one engine: see {@link createRollbackCommitter}. */
export type RollbackCommitter = ReturnType<typeof createRollbackCommitter>;
