import { createProjectRoute, listProjectsRoute } from "@/app/api/_routes/projects";
import { route } from "@/app/api/_shared/route";

/** Lists projects, each with its app count. */
export const GET = route(listProjectsRoute, async ({ engine }) => engine.projects.list());

/** Creates a project; an invalid spec is refused field by field and nothing is stored. */
export const POST = route(createProjectRoute, async ({ engine, body, caller }) => engine.projects.create(body, caller));
