import { deleteAppRoute, getAppRoute, patchAppRoute, putAppRoute } from "@/app/api/_routes/apps";
import { route } from "@/app/api/_shared/route";

/** One application with its status. */
export const GET = route(getAppRoute, async ({ engine, params }) => engine.apps.get(params.name));

/** Changes an application's spec (any field but the name). */
export const PATCH = route(patchAppRoute, async ({ engine, params, body, caller }) => engine.apps.update(params.name, body, caller));

/** Same as PATCH: the body holds the fields to change. */
export const PUT = route(putAppRoute, async ({ engine, params, body, caller }) => engine.apps.update(params.name, body, caller));

/** Deletes an application; `?cascade=true` also deletes its resources from the cluster. */
export const DELETE = route(deleteAppRoute, async ({ engine, params, query, caller }) => engine.apps.delete(params.name, { cascade: query.cascade }, caller));
