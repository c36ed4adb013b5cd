import { refreshAppRoute } from "@/app/api/_routes/apps";
import { route } from "@/app/api/_shared/route";

/**
 * Compares the application with Git and the cluster now; answers its new status.
 * `?hard=true` renders the manifests again even when the commit did not move.
 */
export const POST = route(refreshAppRoute, async ({ engine, params, query }) => {
  await engine.apps.refresh(params.name, { hard: query.hard });
  return engine.apps.get(params.name);
});
