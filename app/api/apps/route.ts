import { createAppRoute, listAppsRoute } from "@/app/api/_routes/apps";
import { route } from "@/app/api/_shared/route";
import { visibleProjects } from "@/lib/auth/visibility";

/** Lists the applications the caller may see, filtered (by project too), searched and paginated on the server. */
export const GET = route(listAppsRoute, async ({ engine, query, caller }) => {
  const projects = visibleProjects(caller);
  return engine.apps.list({ search: query.q, syncStatus: query.sync, project: query.project, ...(projects ? { projects } : {}), page: query.page, pageSize: query.pageSize });
});

/** Creates an application; an invalid spec is refused field by field and nothing is stored. */
export const POST = route(createAppRoute, async ({ engine, body, caller }) => engine.apps.create(body, caller));
