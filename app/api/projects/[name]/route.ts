import { deleteProjectRoute, getProjectRoute, updateProjectRoute } from "@/app/api/_routes/projects";
import { route } from "@/app/api/_shared/route";

/** One project, with its app count. */
export const GET = route(getProjectRoute, async ({ engine, params }) => engine.projects.get(params.name));

/** Changes the fields the body names; the others keep their values. */
export const PATCH = route(updateProjectRoute, async ({ engine, params, body, caller }) => engine.projects.update(params.name, body, caller));

/** Deletes a project that has no apps; the built-in project never. */
export const DELETE = route(deleteProjectRoute, async ({ engine, params, caller }) => {
  await engine.projects.delete(params.name, caller);
});
