import { historyRoute } from "@/app/api/_routes/apps";
import { route } from "@/app/api/_shared/route";

/** The application's operations, newest first. */
export const GET = route(historyRoute, async ({ engine, params }) => engine.operations.list(params.name));
