import { createProjectRoute, listProjectsRoute } from "@/app/api/_routes/projects";
import { route } from "@/app/api/_shared/route";
import { visibleProjects } from "@/lib/auth/visibility";

/** Lists the projects the caller may see (every one, unless it is limited to projects), each with its app count. */
export const GET = route(listProjectsRoute, async ({ engine, caller }) => {
  const visible = visibleProjects(caller);
  const projects = await engine.projects.list();
  return visible ? projects.filter((project) => visible.includes(project.name)) : projects;
});

/** Creates a project; an invalid spec is refused field by field and nothing is stored. */
export const POST = route(createProjectRoute, async ({ engine, body, caller }) => engine.projects.create(body, caller));
