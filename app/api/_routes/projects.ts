/** Projects: the tenancy boundary every app belongs to. Anyone signed in reads them; admins change them. */
import { projectSpecSchema, projectUpdateSchema } from "@/lib/projects/schema";
import { declareRoute } from "../_shared/declaration";
import { ADMIN_ERRORS, error, INVALID, VIEWER_ERRORS } from "./answers";

export const listProjectsRoute = declareRoute({
  method: "GET",
  path: "/api/projects",
  permission: "viewer",
  summary: "List projects",
  responses: { 200: { description: "Every project's spec, with its app count." }, ...VIEWER_ERRORS },
});

export const createProjectRoute = declareRoute({
  method: "POST",
  path: "/api/projects",
  permission: "admin",
  action: "project.create",
  summary: "Create a project",
  description: "An invalid spec (a bad sync window schedule or time zone, say) is refused field by field and nothing is stored.",
  body: projectSpecSchema,
  status: 201,
  responses: { 201: { description: "Created: the project." }, ...ADMIN_ERRORS, 409: error("Name taken."), ...INVALID },
});

export const getProjectRoute = declareRoute({
  method: "GET",
  path: "/api/projects/[name]",
  permission: "viewer",
  summary: "Get a project",
  responses: { 200: { description: "The project, with its app count." }, ...VIEWER_ERRORS, 404: error("No such project.") },
});

export const updateProjectRoute = declareRoute({
  method: "PATCH",
  path: "/api/projects/[name]",
  permission: "admin",
  action: "project.update",
  summary: "Change a project (any field but the name)",
  description: "Fields the body leaves out keep their values.",
  body: projectUpdateSchema,
  responses: { 200: { description: "Updated: the project." }, ...ADMIN_ERRORS, 404: error("No such project."), ...INVALID },
});

export const deleteProjectRoute = declareRoute({
  method: "DELETE",
  path: "/api/projects/[name]",
  permission: "admin",
  action: "project.delete",
  summary: "Delete a project without apps",
  responses: { 204: { description: "Deleted." }, ...ADMIN_ERRORS, 404: error("No such project."), 409: error("The built-in project, or a project that still has apps.") },
});
