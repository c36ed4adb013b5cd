import type { EngineFacade } from "@/lib/engine/facade";
import type { OperationRecord } from "@/lib/engine/facade";

/** The line an operation's log carries when an admin synced outside the project's sync windows. */
const OVERRIDE = /^Sync window overridden by /;

/**
 * Records in the request's audit entry that the operation overrode a closed sync window, so
 * the audit log shows who did, and why the window was closed.
 */
export function noteWindowOverride(engine: EngineFacade, request: Request, operation: OperationRecord): void {
  const override = operation.log.find((line) => OVERRIDE.test(line.message));
  const stamp = override ? engine.audit.readStamp(request.headers) : undefined;
  if (override && stamp) engine.audit.refineNote(stamp.requestId, { detail: override.message });
}

/** The URL of an app's operation: where a client polls it. */
export function operationUrl(app: string, operationId: string): string {
  return `/api/apps/${encodeURIComponent(app)}/operations/${encodeURIComponent(operationId)}`;
}

/**
 * The answer to a request that queued an operation: 202 with the operation and its URL in
 * `Location`; or, when the caller asked to wait, 200 with the operation once it has ended
 * (the wait ends with the request, if the client goes away).
 */
export async function operationAnswer(engine: EngineFacade, app: string, operation: OperationRecord, options: { wait: boolean; signal: AbortSignal }): Promise<Response> {
  const location = operationUrl(app, operation.id);
  if (!options.wait) return Response.json(operation, { status: 202, headers: { Location: location } });
  const ended = await engine.operations.waitFor(app, operation.id, options.signal);
  return Response.json(ended, { status: 200, headers: { "Content-Location": location } });
}
