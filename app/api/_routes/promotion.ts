/**
 * Environment pipelines and promotions (lib/promotion). Anyone who sees a stage's app reads its
 * pipeline; admins declare pipelines. Promoting and approving are open to viewers at the door
 * because the right depends on the target app and its project, which the engine checks: a
 * promotion needs deployer rights on the target app (as a sync does), an approval the target
 * stage's approval role.
 */
import { z } from "zod";
import { pipelineBodySchema, pipelineSpecSchema } from "@/lib/promotion/schema";
import { declareRoute } from "../_shared/declaration";
import { ADMIN_ERRORS, error, INVALID, VIEWER_ERRORS } from "./answers";

const NO_PIPELINE = { 404: error("No pipeline for this service, or none the caller sees.") };
const stageParam = (what: string) => z.string({ error: `${what} is required: the name of a stage.` }).min(1, `${what} is required: the name of a stage.`).max(63, `${what} must be at most 63 characters.`);

export const listPipelinesRoute = declareRoute({
  method: "GET",
  path: "/api/pipelines",
  permission: "viewer",
  summary: "List environment pipelines",
  description: "Each pipeline the caller sees (one of its stages' apps), with every stage's sync, health, revision and live images, and the promotions waiting for approval.",
  responses: { 200: { description: "The pipelines." }, ...VIEWER_ERRORS },
});

export const createPipelineRoute = declareRoute({
  method: "POST",
  path: "/api/pipelines",
  permission: "admin",
  action: "pipeline.create",
  summary: "Declare a service's pipeline",
  description: "An ordered list of at least two stages, each naming an app, optionally the overlay promotions write to, an approval role and automatic promotion after a soak time.",
  body: pipelineSpecSchema,
  status: 201,
  responses: { 201: { description: "Created: the pipeline." }, ...ADMIN_ERRORS, 409: error("The service has a pipeline already."), ...INVALID },
});

export const getPipelineRoute = declareRoute({
  method: "GET",
  path: "/api/pipelines/[service]",
  permission: "viewer",
  summary: "A pipeline with its stages' state",
  responses: { 200: { description: "The pipeline, each stage's state and images, and the pending promotions." }, ...VIEWER_ERRORS, ...NO_PIPELINE },
});

export const updatePipelineRoute = declareRoute({
  method: "PUT",
  path: "/api/pipelines/[service]",
  permission: "admin",
  action: "pipeline.update",
  summary: "Replace a pipeline's stages",
  body: pipelineBodySchema,
  responses: { 200: { description: "Updated: the pipeline." }, ...ADMIN_ERRORS, ...NO_PIPELINE, ...INVALID },
});

export const deletePipelineRoute = declareRoute({
  method: "DELETE",
  path: "/api/pipelines/[service]",
  permission: "admin",
  action: "pipeline.delete",
  summary: "Delete a pipeline and its promotion history",
  responses: { 204: { description: "Deleted." }, ...ADMIN_ERRORS, ...NO_PIPELINE },
});

export const promotionHistoryRoute = declareRoute({
  method: "GET",
  path: "/api/pipelines/[service]/promotions",
  permission: "viewer",
  summary: "A service's promotions, newest first",
  description: "Who asked, from which stage to which, the images moved, the diff, the commit, the state (pending, approved, committed, failed) and the times.",
  query: z.object({ limit: z.coerce.number({ error: "limit must be a number." }).int().min(1, "limit must be at least 1.").max(200, "limit must be at most 200.").default(50) }),
  responses: { 200: { description: "The promotions." }, ...VIEWER_ERRORS, ...NO_PIPELINE, ...INVALID },
});

export const promotionPreviewRoute = declareRoute({
  method: "GET",
  path: "/api/pipelines/[service]/promotions/preview",
  permission: "viewer",
  summary: "What promoting from a stage would commit",
  description:
    "Reads the images live in stage `from`, matches them to the next stage's `images:` entries and answers the unified diff of its kustomization.yaml (empty when it has them already), the images moved and skipped, and why the source cannot be promoted now, if it cannot. Nothing is written.",
  query: z.object({ from: stageParam("from") }),
  responses: { 200: { description: "The preview." }, ...VIEWER_ERRORS, ...NO_PIPELINE, 409: error("A stage's app does not exist, or the source runs two versions of one image."), ...INVALID, 502: error("The Git host failed.") },
});

export const promoteRoute = declareRoute({
  method: "POST",
  path: "/api/pipelines/[service]/promote",
  permission: "viewer",
  action: "promotion.create",
  summary: "Promote a stage's images into the next stage",
  description:
    "Needs deployer rights on the next stage's app (checked against its project). Refused unless the source stage is Synced, Healthy and idle. Commits the image change into the next stage's overlay and refreshes its app (and syncs it when the stage says so), or — when the next stage needs approval — records a pending promotion.",
  body: z.object({ from: stageParam("from") }),
  status: 201,
  responses: {
    201: { description: "The promotion: committed, or pending approval." },
    ...VIEWER_ERRORS,
    ...NO_PIPELINE,
    409: error("The source stage is not Synced and Healthy, is busy, or the next stage has its images already."),
    ...INVALID,
    502: error("The Git host failed or refused the push."),
  },
});

export const approvePromotionRoute = declareRoute({
  method: "POST",
  path: "/api/promotions/[id]/approve",
  permission: "viewer",
  action: "promotion.approve",
  summary: "Approve a pending promotion and commit it",
  description: "Needs the target stage's approval role (global, or in the target app's project when the stage says so).",
  responses: {
    200: { description: "The promotion, committed (or failed, with its reason)." },
    401: error("Not signed in."),
    403: error("The caller does not hold the stage's approval role."),
    404: error("No such promotion."),
    409: error("The promotion is not waiting for approval."),
    502: error("The Git host failed or refused the push."),
  },
});
