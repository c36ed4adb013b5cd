/**
 * A service's environment pipeline, as Kargo's stages are: an ordered list of stages, each
 * naming the app that runs the service there and, optionally, the overlay whose
 * kustomization.yaml receives promoted images, who must approve a promotion into it, and
 * whether it takes the previous stage's images by itself after a soak time.
 */
import { z } from "zod";
import { dnsLabel } from "@/lib/apps/spec";
import { ROLES } from "@/lib/auth/roles";

/** Who may approve a promotion into a stage: a role, held globally or in the target app's project. */
export const approvalSchema = z.object({
  role: z.enum(ROLES, { error: `An approval role must be one of ${ROLES.join(", ")}.` }),
  /**
   * `global`: only the approver's global role counts; `project`: its global role or its role in the
   * target app's project (as Argo CD's project roles). @default "project"
   */
  scope: z.enum(["global", "project"], { error: "An approval scope is global or project." }).default("project"),
});

/** Automatic promotion into a stage once the previous one has run the same images, Synced and Healthy, for `soakSeconds`. */
export const autoPromotionSchema = z.object({
  soakSeconds: z
    .number({ error: "soakSeconds must be a number of seconds." })
    .int("soakSeconds must be a whole number of seconds.")
    .min(0, "soakSeconds must not be negative.")
    .max(7 * 24 * 3600, "soakSeconds must be at most a week (604800)."),
});

/** A repository-relative path without `..`, for a stage's overlay. */
const overlayPath = z
  .string({ error: "A stage's path must be text." })
  .trim()
  .min(1, "A stage's path must not be empty.")
  .max(512, "A stage's path is too long.")
  .transform((p) => p.replace(/^\.\/+/, "").replace(/\/+$/, "") || ".")
  .refine((p) => !p.startsWith("/") && !p.split("/").includes("..") && !p.includes("\\"), "A stage's path must be relative to the repository root, without '..'.");

/** One stage of a pipeline. */
export const stageSchema = z.object({
  /** The stage's name, e.g. `dev`. */
  name: dnsLabel("Stage name"),
  /** The app that runs the service in this stage, e.g. `guestbook-dev`. */
  app: dnsLabel("Stage app"),
  /** The overlay (directory or kustomization file) promoted images are written to. @default the app's own path */
  path: overlayPath.optional(),
  /** Who must approve a promotion into this stage; none when absent. */
  approval: approvalSchema.optional(),
  /** Promote into this stage by itself after the previous stage has soaked; never when absent. */
  autoPromotion: autoPromotionSchema.optional(),
  /** Request a sync of the app after a promotion is committed (otherwise it syncs by its own policy). @default false */
  syncAfterPromotion: z.boolean({ error: "syncAfterPromotion must be true or false." }).default(false),
});

/** The fields of a pipeline besides its service name. */
export const pipelineBodySchema = z
  .object({
    stages: z
      .array(stageSchema, { error: "stages must be a list of stages." })
      .min(2, "A pipeline needs at least two stages.")
      .max(20, "A pipeline has at most 20 stages."),
  })
  .superRefine((pipeline, context) => {
    const names = new Set<string>();
    const apps = new Set<string>();
    pipeline.stages.forEach((stage, index) => {
      if (names.has(stage.name)) context.addIssue({ code: "custom", path: ["stages", index, "name"], message: `The stage name "${stage.name}" is used twice.` });
      if (apps.has(stage.app)) context.addIssue({ code: "custom", path: ["stages", index, "app"], message: `The app "${stage.app}" is in two stages.` });
      names.add(stage.name);
      apps.add(stage.app);
    });
    const first = pipeline.stages[0];
    if (first?.approval) context.addIssue({ code: "custom", path: ["stages", 0, "approval"], message: "The first stage cannot need approval: nothing is promoted into it." });
    if (first?.autoPromotion) context.addIssue({ code: "custom", path: ["stages", 0, "autoPromotion"], message: "The first stage cannot be promoted into automatically: no stage comes before it." });
  });

/** A whole pipeline, as created. */
export const pipelineSpecSchema = z.object({ service: dnsLabel("Service") }).and(pipelineBodySchema);

/** One stage, validated. */
export type Stage = z.infer<typeof stageSchema>;
/** An approval requirement, validated. */
export type Approval = z.infer<typeof approvalSchema>;
/** A pipeline's stages, validated. */
export type PipelineBody = z.infer<typeof pipelineBodySchema>;
/** A pipeline, validated. */
export type PipelineSpec = z.infer<typeof pipelineSpecSchema>;

/** The stage after `from`, or undefined when `from` is the last. */
export function nextStage(pipeline: PipelineBody, from: string): Stage | undefined {
  const index = pipeline.stages.findIndex((stage) => stage.name === from);
  return index === -1 ? undefined : pipeline.stages[index + 1];
}

/** The stage before `to`, or undefined when `to` is the first. */
export function previousStage(pipeline: PipelineBody, to: string): Stage | undefined {
  const index = pipeline.stages.findIndex((stage) => stage.name === to);
  return index <= 0 ? undefined : pipeline.stages[index - 1];
}
