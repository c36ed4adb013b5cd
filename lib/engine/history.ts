import type { AppRecord } from "@/lib/db/apps";
import type { OperationRecord } from "@/lib/db/operations";
import { ValidationError } from "@/lib/errors";
import type { EngineContext } from "./context";
import { compareManifestSets, type ManifestDiff } from "./history-compare";

/** One side of a history comparison. */
export interface HistoryEntrySummary {
  id: string;
  kind: OperationRecord["kind"];
  phase: OperationRecord["phase"];
  revision: string | null;
  revisionSubject: string | null;
  startedAt: Date;
}

/** Two history entries' manifests compared resource by resource; Secret values masked. */
export interface HistoryComparison {
  from: HistoryEntrySummary;
  to: HistoryEntrySummary;
  resources: ManifestDiff[];
}

function summaryOf(op: OperationRecord): HistoryEntrySummary {
  return { id: op.id, kind: op.kind, phase: op.phase, revision: op.revision, revisionSubject: op.revisionSubject, startedAt: op.startedAt };
}

function labelOf(op: OperationRecord): string {
  return op.revision ? op.revision.slice(0, 7) : op.id;
}

async function entryWithManifests(ctx: Pick<EngineContext, "db">, app: AppRecord, id: string, field: "from" | "to") {
  const op = await ctx.db.operations.getOperation(app.id, id);
  const manifests = await ctx.db.operations.getOperationManifests(op.id);
  if (!manifests) {
    throw new ValidationError([{ field, message: `Operation "${id}" stored no manifests (a dry run, or it failed before applying), so it cannot be compared.` }]);
  }
  return { op, manifests };
}

/** Compares the manifests two of the app's history entries applied, from the older view `from` to `to`. */
export async function compareHistoryEntries(ctx: Pick<EngineContext, "db">, app: AppRecord, fromId: string, toId: string): Promise<HistoryComparison> {
  const [from, to] = await Promise.all([entryWithManifests(ctx, app, fromId, "from"), entryWithManifests(ctx, app, toId, "to")]);
  const labels = { from: labelOf(from.op), to: labelOf(to.op) };
  if (labels.from === labels.to) Object.assign(labels, { from: `${labels.from}@${from.op.id.slice(-6)}`, to: `${labels.to}@${to.op.id.slice(-6)}` });
  return { from: summaryOf(from.op), to: summaryOf(to.op), resources: compareManifestSets(from.manifests, to.manifests, labels) };
}
