/**
 * Rollback: re-applies the manifests an earlier successful operation stored — never
 * re-rendered from Git, so it works while Git is unreachable or the renderer fails — and
 * never writes to Git. As Argo CD does, it turns the app's automated sync off so the agent
 * does not undo it; `clearRollback` (through resume) turns it back on.
 */
import type { AppRecord } from "@/lib/db/apps";
import type { OperationRecord } from "@/lib/db/operations";
import { diffTextOf, formatFieldPath, type DiffState, type ResourceDiff } from "@/lib/diff";
import { UnreachableError, ValidationError } from "@/lib/errors";
import type { KubeObject, SyncStatus } from "@/lib/types";
import { compareApp, type AppComparison } from "./compare-app";
import type { EngineContext } from "./context";
import { loadRules } from "./project-rules";
import { kindsOfRows, type ResourceStatusRow } from "./status-rows";

/** What the user asked of a rollback. */
export interface RollbackOptions {
  /** The history entry to roll back to: an earlier successful, non-dry-run operation. */
  operationId: string;
  /** Delete the app's objects that are not in that entry's manifests. @default the app's prune policy */
  prune?: boolean;
}

/** The history entry a rollback goes back to. */
export interface RollbackTarget {
  id: string;
  revision: string | null;
  revisionSubject: string | null;
  revisionAuthor: string | null;
  startedAt: Date;
}

/** What a rollback would do to one resource. */
export type RollbackAction = "create" | "update" | "unchanged" | "prune" | "keep";

/** One resource of a rollback preview: the masked diff from live to the entry's manifest. */
export interface RollbackResource {
  subject: string;
  state: DiffState;
  action: RollbackAction;
  changedPaths: string[];
  /** Unified YAML diff from live to what the rollback applies; Secret values masked. */
  diff: string;
  /** Why the server would refuse the object, when its dry run failed. */
  error?: string;
}

/** What a rollback would change, resource by resource, computed by server-side dry runs. */
export interface RollbackPreview {
  target: RollbackTarget;
  prune: boolean;
  syncStatus: SyncStatus;
  resources: RollbackResource[];
}

function targetOf(op: OperationRecord): RollbackTarget {
  return { id: op.id, revision: op.revision, revisionSubject: op.revisionSubject, revisionAuthor: op.revisionAuthor, startedAt: op.startedAt };
}

function refuse(message: string): never {
  throw new ValidationError([{ field: "operationId", message }]);
}

/** The entry and its stored manifests, or a clear refusal when it cannot be rolled back to. */
export async function loadRollbackTarget(ctx: Pick<EngineContext, "db">, app: AppRecord, operationId: string): Promise<{ op: OperationRecord; manifests: KubeObject[] }> {
  const op = await ctx.db.operations.getOperation(app.id, operationId);
  if (op.dryRun) refuse("A dry run changed nothing, so it cannot be rolled back to; pick a real operation.");
  if (op.phase !== "Succeeded") refuse(`Only a successful operation can be rolled back to; this one ended ${op.phase}.`);
  const manifests = await ctx.db.operations.getOperationManifests(op.id);
  if (!manifests || manifests.length === 0) refuse("This operation stored no manifests, so there is nothing to re-apply.");
  return { op, manifests };
}

/**
 * Compares stored manifests with the cluster exactly as a refresh compares Git's (the engine's
 * `compareApp`, handed the manifests instead of a render): a server-side apply dry run per
 * object against the live object; the app's live objects not in the manifests are prunable.
 * The manifests are checked against the app's project as it is now. A cluster that cannot be
 * compared with is an UnreachableError, before anything is applied.
 */
export async function compareManifests(
  ctx: Pick<EngineContext, "db" | "clusters" | "source" | "dryRuns" | "clock">,
  app: AppRecord,
  op: OperationRecord,
  manifests: KubeObject[],
): Promise<AppComparison> {
  const previous = await ctx.db.apps.getStatusResources<ResourceStatusRow>(app.id);
  const commit = { sha: op.revision ?? "", subject: op.revisionSubject ?? "", author: op.revisionAuthor ?? "", date: op.startedAt.toISOString(), committedAt: op.revisionCommittedAt?.toISOString() };
  const rules = await loadRules(ctx, app);
  const comparison = await compareApp(ctx, app, { check: rules.check, refused: rules.appRefusal, previousKinds: kindsOfRows(previous), desiredState: { objects: structuredClone(manifests), commit } });
  const failure = comparison.conditions.find((c) => c.type === "ComparisonError");
  if (failure && comparison.resources.length === 0) throw new UnreachableError(failure.message);
  return op.revision ? comparison : { ...comparison, revision: undefined };
}

function actionOf(diff: ResourceDiff, prune: boolean): RollbackAction {
  if (diff.state === "missing") return "create";
  if (diff.state === "modified") return "update";
  if (diff.state === "prunable") return prune ? "prune" : "keep";
  return "unchanged";
}

/**
 * What rolling back to an entry would change, per resource (the confirmation dialog's diff).
 * Changes nothing and records nothing.
 */
export async function previewRollbackOf(
  ctx: Pick<EngineContext, "db" | "clusters" | "source" | "dryRuns" | "clock">,
  app: AppRecord,
  options: RollbackOptions,
): Promise<RollbackPreview> {
  const { op, manifests } = await loadRollbackTarget(ctx, app, options.operationId);
  const prune = options.prune ?? app.prune;
  const comparison = await compareManifests(ctx, app, op, manifests);
  const resources = comparison.resources.map((r) => ({
    subject: r.subject,
    state: r.state,
    action: actionOf(r, prune),
    changedPaths: r.changedFields.map(formatFieldPath),
    diff: diffTextOf(r),
    ...(r.dryRunError ? { error: r.dryRunError } : {}),
  }));
  const order: Record<RollbackAction, number> = { update: 0, create: 1, prune: 2, keep: 3, unchanged: 4 };
  resources.sort((a, b) => order[a.action] - order[b.action] || a.subject.localeCompare(b.subject));
  return { target: targetOf(op), prune, syncStatus: comparison.syncStatus, resources };
}
