/** Applications: their specs, status, diff, resource tree, history and events. Reads only; operations are in ./operations. */
import { z } from "zod";
import { appSpecSchema, appUpdateSchema } from "@/lib/apps/spec";
import { SYNC_STATUSES } from "@/lib/types";
import { declareRoute } from "../_shared/declaration";
import { APP_ERRORS, ADMIN_ERRORS, error, INVALID, VIEWER_ERRORS } from "./answers";
import { flag } from "./query";

export const listAppsRoute = declareRoute({
  method: "GET",
  path: "/api/apps",
  permission: "viewer",
  summary: "List applications",
  description: "Filtered, searched and paginated on the server. A caller limited to projects sees only the apps of the projects it may see.",
  query: z.object({
    q: z.string().max(253).optional().meta({ description: "Search in name, repository URL and namespace." }),
    sync: z.enum(SYNC_STATUSES).optional(),
    project: z.string().max(63).optional().meta({ description: "Only the apps of this project." }),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
  responses: { 200: { description: "A page of applications: rows, total, page, pageSize." }, ...VIEWER_ERRORS, ...INVALID },
});

export const createAppRoute = declareRoute({
  method: "POST",
  path: "/api/apps",
  permission: "admin",
  action: "app.create",
  appBodyField: "name",
  summary: "Create an application",
  description: "An invalid spec is refused field by field and nothing is stored.",
  body: appSpecSchema,
  status: 201,
  responses: { 201: { description: "Created: the application." }, ...ADMIN_ERRORS, 409: error("Name taken."), ...INVALID },
});

export const getAppRoute = declareRoute({
  method: "GET",
  path: "/api/apps/[name]",
  permission: "viewer",
  summary: "Get an application with its status",
  responses: { 200: { description: "The application." }, ...APP_ERRORS },
});

const updateApp = {
  path: "/api/apps/[name]",
  permission: "admin",
  action: "app.update",
  body: appUpdateSchema,
  responses: { 200: { description: "Updated: the application." }, ...APP_ERRORS, ...INVALID },
} as const;

export const patchAppRoute = declareRoute({ ...updateApp, method: "PATCH", summary: "Change an application's spec (any field but the name)" });

export const putAppRoute = declareRoute({ ...updateApp, method: "PUT", summary: "Change an application's spec (same as PATCH)" });

export const deleteAppRoute = declareRoute({
  method: "DELETE",
  path: "/api/apps/[name]",
  permission: "admin",
  action: "app.delete",
  summary: "Delete an application",
  query: z.object({ cascade: flag("Also delete its resources from the cluster.") }),
  responses: { 200: { description: "Deleted: how many resources were deleted." }, ...APP_ERRORS, 409: error("An operation is running.") },
});

export const diffRoute = declareRoute({
  method: "GET",
  path: "/api/apps/[name]/diff",
  permission: "viewer",
  summary: "Per-resource diff of Git against the cluster (Secret values masked)",
  query: z.object({ refresh: flag("Compare now instead of using a recent comparison.") }),
  responses: { 200: { description: "Sync status, revision, conditions, comparison time and resources." }, ...APP_ERRORS },
});

export const treeRoute = declareRoute({
  method: "GET",
  path: "/api/apps/[name]/tree",
  permission: "viewer",
  summary: "The app's resource tree, or one node's detail",
  description:
    "Its resources and, by ownerReferences, what their controllers made, with sync status and health; with `node`, that node's live YAML (Secret values masked), diff against Git and Kubernetes Events.",
  query: z.object({ node: z.string().min(1).max(300).optional().meta({ description: "A node's uid or subject." }) }),
  responses: { 200: { description: "The nodes, or one node's detail." }, ...APP_ERRORS },
});

export const appEventsRoute = declareRoute({
  method: "GET",
  path: "/api/apps/[name]/events",
  permission: "viewer",
  summary: "The app page's event stream (Server-Sent Events)",
  description: "Every change to the app's status, operations, resource tree and the Kubernetes Events about its objects; resumes after a dropped connection from `Last-Event-ID`.",
  responses: { 200: { description: "An event stream.", contentType: "text/event-stream" }, ...APP_ERRORS },
});

export const refreshAppRoute = declareRoute({
  method: "POST",
  path: "/api/apps/[name]/refresh",
  permission: "deployer",
  action: "app.refresh",
  summary: "Compare with Git and the cluster now",
  query: z.object({ hard: flag("Render the manifests again even when the commit did not move.") }),
  responses: { 200: { description: "The application with its new status." }, ...APP_ERRORS },
});

export const historyRoute = declareRoute({
  method: "GET",
  path: "/api/apps/[name]/history",
  permission: "viewer",
  summary: "The application's operations, newest first",
  responses: { 200: { description: "The operations." }, ...APP_ERRORS },
});

const historyEntry = (which: string) =>
  z.string({ error: `${which} is required: the id of the ${which === "from" ? "older" : "newer"} history entry.` }).min(1, `${which} is required: the id of the ${which === "from" ? "older" : "newer"} history entry.`);

export const historyCompareRoute = declareRoute({
  method: "GET",
  path: "/api/apps/[name]/history/compare",
  permission: "viewer",
  summary: "Diff between the manifests two history entries applied (Secret values masked)",
  query: z.object({ from: historyEntry("from"), to: historyEntry("to") }),
  responses: { 200: { description: "The per-resource comparison." }, ...APP_ERRORS, ...INVALID },
});
