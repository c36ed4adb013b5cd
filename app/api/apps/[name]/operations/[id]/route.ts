import { operationRoute } from "@/app/api/_routes/operations";
import { route } from "@/app/api/_shared/route";

/** One operation's status and per-resource results. */
export const GET = route(operationRoute, async ({ engine, params }) => engine.operations.get(params.name, params.id));
