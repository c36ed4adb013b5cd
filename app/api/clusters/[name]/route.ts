import { deleteClusterRoute, getClusterRoute, updateClusterRoute } from "@/app/api/_routes/admin";
import { route } from "@/app/api/_shared/route";

/** One registered cluster and its connection state, without its secret. */
export const GET = route(getClusterRoute, async ({ engine, params }) => engine.clusters.get(params.name));

/** Changes a registered cluster; absent credentials keep the stored ones. */
export const PATCH = route(updateClusterRoute, async ({ engine, params, body }) => engine.clusters.update(params.name, body));

/** Deletes a registered cluster; refused while an application deploys to it. */
export const DELETE = route(deleteClusterRoute, async ({ engine, params }) => {
  await engine.clusters.delete(params.name);
});
