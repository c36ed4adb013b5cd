import { deleteRepositoryRoute, getRepositoryRoute, updateRepositoryRoute } from "@/app/api/_routes/admin";
import { route } from "@/app/api/_shared/route";

/** One repository credential, without its secret. */
export const GET = route(getRepositoryRoute, async ({ engine, params }) => engine.credentials.get(params.id));

/** Changes a repository credential; an absent or empty secret keeps the stored one. */
export const PATCH = route(updateRepositoryRoute, async ({ engine, params, body }) => engine.credentials.update(params.id, body));

/** Deletes a repository credential. */
export const DELETE = route(deleteRepositoryRoute, async ({ engine, params }) => {
  await engine.credentials.delete(params.id);
});
