import { rollbackCommitPreviewRoute, rollbackCommitRoute } from "@/app/api/_routes/operations";
import { route } from "@/app/api/_shared/route";

/** Which files a commit making the app's rollback permanent would change; nothing is pushed. */
export const GET = route(rollbackCommitPreviewRoute, async ({ engine, params }) => engine.operations.previewRollbackCommit(params.name));

/**
 * Makes the app's rollback permanent: commits the rolled-back revision's files under its path,
 * resumes automated sync and answers 201 `{ commit, historyId, message }`; the audit entry
 * records the caller and the commit.
 */
export const POST = route(rollbackCommitRoute, async ({ engine, params, caller, request }) => {
  const result = await engine.operations.commitRollback(params.name, caller);
  const stamp = engine.audit.readStamp(request.headers);
  if (stamp) engine.audit.refineNote(stamp.requestId, { detail: `Committed ${result.commit.slice(0, 12)} restoring history entry ${result.historyId}.` });
  return result;
});
