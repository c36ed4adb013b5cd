import { healthRoute } from "../_routes/docs";
import { route } from "../_shared/route";

/** Answers the liveness and readiness probes: the process is up and serving requests. */
export const GET = route(healthRoute, async () => ({ status: "ok" }));
