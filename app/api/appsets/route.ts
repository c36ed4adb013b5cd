import { createAppSetRoute, listAppSetsRoute } from "@/app/api/_routes/appsets";
import { route } from "@/app/api/_shared/route";
import { visibleProjects } from "@/lib/auth/visibility";
import { checkSetProject } from "./access";

/** Lists the app sets of the projects the caller may see. */
export const GET = route(listAppSetsRoute, async ({ engine, caller }) => engine.appSets.list(visibleProjects(caller)));

/** Creates an app set and generates it at once; an invalid spec is refused field by field. */
export const POST = route(createAppSetRoute, async ({ engine, body, caller }) => {
  checkSetProject(caller, "admin", body.project);
  return engine.appSets.create(body, caller);
});
