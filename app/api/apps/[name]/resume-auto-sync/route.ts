import { resumeAutoSyncRoute } from "@/app/api/_routes/operations";
import { route } from "@/app/api/_shared/route";

/** Ends a rollback: turns automated sync back on (if the rollback paused it) and queues a sync of Git's version. */
export const POST = route(resumeAutoSyncRoute, async ({ engine, params, caller }) => engine.operations.resumeAutoSync(params.name, caller));
