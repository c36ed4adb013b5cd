import { syncRoute } from "@/app/api/_routes/operations";
import { noteWindowOverride, operationAnswer } from "@/app/api/_shared/operation-answer";
import { route } from "@/app/api/_shared/route";

/**
 * Queues a sync of the application (optionally a dry run, pruning, or only some resources),
 * recorded with the caller; answers 202 with the operation and its URL in `Location`, or with
 * `?wait=true` 200 once it has ended. 409 when one is already queued or running.
 */
export const POST = route(syncRoute, async ({ engine, params, query, body, caller, request }) => {
  const operation = await engine.operations.requestSync(params.name, body, caller);
  noteWindowOverride(engine, request, operation);
  return operationAnswer(engine, params.name, operation, { wait: query.wait, signal: request.signal });
});
