import { deleteAppSetRoute, getAppSetRoute, updateAppSetRoute } from "@/app/api/_routes/appsets";
import { route } from "@/app/api/_shared/route";
import { checkSetProject, setFor } from "../access";

/** One app set with its generated apps and their status. */
export const GET = route(getAppSetRoute, async ({ engine, params, caller }) => {
  const set = await setFor(engine, caller, params.name, "viewer");
  return { ...set, apps: await engine.appSets.apps(set.name) };
});

/** Replaces the set's spec (not its name) and generates it again. */
export const PUT = route(updateAppSetRoute, async ({ engine, params, body, caller }) => {
  await setFor(engine, caller, params.name, "admin");
  checkSetProject(caller, "admin", body.project);
  return engine.appSets.update(params.name, { ...body, name: params.name }, caller);
});

/** Deletes the set; its apps too when its policy allows deletion. */
export const DELETE = route(deleteAppSetRoute, async ({ engine, params, caller }) => {
  await setFor(engine, caller, params.name, "admin");
  return engine.appSets.delete(params.name, caller);
});
