/** App sets: apps generated from a config repository's layout, their preview and their progressive rollout (docs/appsets.md). */
import { z } from "zod";
import { appSetSpecSchema, appSetUpdateSchema } from "@/lib/appsets/schema";
import { declareRoute } from "../_shared/declaration";
import { ADMIN_ERRORS, error, INVALID, VIEWER_ERRORS } from "./answers";

const NO_SET = { 404: error("No such app set.") };

export const listAppSetsRoute = declareRoute({
  method: "GET",
  path: "/api/appsets",
  permission: "viewer",
  summary: "List app sets",
  description: "A caller limited to projects sees only the sets of the projects it may see.",
  responses: { 200: { description: "Every app set the caller may see: spec and status (commit, generated apps, error)." }, ...VIEWER_ERRORS },
});

export const createAppSetRoute = declareRoute({
  method: "POST",
  path: "/api/appsets",
  permission: "admin",
  action: "appset.create",
  summary: "Create an app set",
  description: "An invalid spec is refused field by field and nothing is stored; a valid one is generated at once (a failing generation is kept in its status).",
  body: appSetSpecSchema,
  status: 201,
  responses: { 201: { description: "Created: the app set, generated once." }, ...ADMIN_ERRORS, 409: error("Name taken."), ...INVALID },
});

export const getAppSetRoute = declareRoute({
  method: "GET",
  path: "/api/appsets/[name]",
  permission: "viewer",
  summary: "Get an app set with its generated apps",
  responses: { 200: { description: "The app set and its apps with their status." }, ...VIEWER_ERRORS, ...NO_SET },
});

export const updateAppSetRoute = declareRoute({
  method: "PUT",
  path: "/api/appsets/[name]",
  permission: "admin",
  action: "appset.update",
  summary: "Replace an app set's spec (any field but the name)",
  description: "The set is generated again at once and the plan its policy allows is applied.",
  body: appSetUpdateSchema,
  responses: { 200: { description: "Updated: the app set." }, ...ADMIN_ERRORS, ...NO_SET, ...INVALID },
});

export const deleteAppSetRoute = declareRoute({
  method: "DELETE",
  path: "/api/appsets/[name]",
  permission: "admin",
  action: "appset.delete",
  summary: "Delete an app set",
  description: "Its apps are deleted too when its policy allows deletion (their cluster objects unless preserveResourcesOnDeletion); otherwise they stay as hand-made apps.",
  responses: { 200: { description: "Deleted: the apps deleted and the apps kept." }, ...ADMIN_ERRORS, ...NO_SET },
});

export const previewAppSetRoute = declareRoute({
  method: "GET",
  path: "/api/appsets/[name]/preview",
  permission: "viewer",
  summary: "What generating the set at a revision would change",
  description: "Which apps would be created, changed (with the changed fields) or deleted — and which the policy holds back — for a pending revision; nothing is written.",
  query: z.object({
    revision: z
      .string()
      .max(255)
      .regex(/^[A-Za-z0-9._\-/]+$/, "Revision must be a branch, tag or commit SHA.")
      .optional()
      .meta({ description: "A branch, tag or commit; the set's own revision (the branch head) by default." }),
  }),
  responses: { 200: { description: "The revision, its commit and the planned changes." }, ...VIEWER_ERRORS, ...NO_SET, ...INVALID },
});

export const refreshAppSetRoute = declareRoute({
  method: "POST",
  path: "/api/appsets/[name]/refresh",
  permission: "deployer",
  action: "appset.refresh",
  summary: "Generate the set now",
  description: "Reads its repository, generates its apps and applies the plan its policy allows.",
  responses: { 200: { description: "The app set with its new status." }, ...VIEWER_ERRORS, ...NO_SET },
});

export const appSetRolloutRoute = declareRoute({
  method: "GET",
  path: "/api/appsets/[name]/rollout",
  permission: "viewer",
  summary: "The progressive rollout's steps",
  description: "Each step with its apps and state (Done, Progressing, Waiting), the apps no step selects and those being synced now; null for a set without a strategy.",
  responses: { 200: { description: "The rollout, or null." }, ...VIEWER_ERRORS, ...NO_SET },
});
