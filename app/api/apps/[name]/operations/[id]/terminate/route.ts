import { terminateRoute } from "@/app/api/_routes/operations";
import { route } from "@/app/api/_shared/route";

/** Asks a queued or running operation to stop before its next resource; 409 when it has already ended. */
export const POST = route(terminateRoute, async ({ engine, params, caller }) => engine.operations.terminate(params.name, params.id, caller));
