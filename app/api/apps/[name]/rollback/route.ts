import { rollbackRoute } from "@/app/api/_routes/operations";
import { noteWindowOverride, operationAnswer } from "@/app/api/_shared/operation-answer";
import { route } from "@/app/api/_shared/route";

/**
 * Rolls the application back to an earlier successful history entry (its stored manifests,
 * not Git) and pauses automated sync: queues the rollback and answers 202 with it (200 once
 * it ended with `?wait=true`). With `dryRun`, answers what would change per resource and
 * changes nothing.
 */
export const POST = route(rollbackRoute, async ({ engine, params, query, body, caller, request }) => {
  const rollback = { operationId: body.operationId, prune: body.prune, syncAnyway: body.syncAnyway };
  if (body.dryRun) return engine.operations.previewRollback(params.name, rollback);
  const operation = await engine.operations.requestRollback(params.name, rollback, caller);
  noteWindowOverride(engine, request, operation);
  return operationAnswer(engine, params.name, operation, { wait: query.wait, signal: request.signal });
});
