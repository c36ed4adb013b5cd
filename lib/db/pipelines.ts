/**
 * Environment pipelines and their promotions (lib/promotion). The JSON columns — a pipeline's
 * stages, a promotion's images — are validated with zod on read; a promotion leaves `pending`
 * by a conditional update, so two approvals of one promotion cannot both commit it.
 */
import { z } from "zod";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { stageSchema, type PipelineSpec, type Stage } from "@/lib/promotion/schema";
import type { Db } from "./client";
import { CorruptRowError } from "./corrupt-row-error";
import { readJsonColumn } from "./json-columns";

/** `Pipeline.stages`. */
export const pipelineStagesSchema = z.array(stageSchema);

/** `Promotion.images`: each image entry moved. */
export const promotionImagesSchema = z.array(
  z.object({
    name: z.string(),
    from: z.string(),
    to: z.string(),
    update: z.object({ name: z.string(), newName: z.string().optional(), newTag: z.string().optional(), digest: z.string().optional() }),
  }),
);

/** The states of a promotion: waiting for approval, being committed, done, or not done. */
export const PROMOTION_STATES = ["pending", "approved", "committed", "failed"] as const;
/** One of {@link PROMOTION_STATES}. */
export type PromotionState = (typeof PROMOTION_STATES)[number];

/** A pipeline as stored. */
export interface PipelineRecord {
  service: string;
  stages: Stage[];
  createdAt: Date;
  updatedAt: Date;
}

/** A promotion as stored. */
export interface PromotionRecord {
  id: string;
  service: string;
  fromStage: string;
  toStage: string;
  fromApp: string;
  toApp: string;
  file: string;
  images: z.infer<typeof promotionImagesSchema>;
  imagesKey: string;
  diff: string;
  state: PromotionState;
  auto: boolean;
  requestedBy: string;
  approvedBy: string | null;
  commit: string | null;
  error: string | null;
  createdAt: Date;
  approvedAt: Date | null;
  finishedAt: Date | null;
}

/** The fields of a new promotion. */
export type NewPromotion = Pick<PromotionRecord, "service" | "fromStage" | "toStage" | "fromApp" | "toApp" | "file" | "images" | "imagesKey" | "diff" | "state" | "auto" | "requestedBy">;

/** How a promotion ends. */
export type PromotionOutcome = { state: "committed"; commit: string } | { state: "failed"; error: string };

type PipelineRow = { id: string; service: string; stages: string; createdAt: Date; updatedAt: Date };
type PromotionRow = Omit<PromotionRecord, "images" | "state"> & { images: string; state: string; updatedAt: Date };

function toPipeline(row: PipelineRow): PipelineRecord {
  return { service: row.service, stages: readJsonColumn(pipelineStagesSchema, row.stages, { table: "Pipeline", column: "stages", rowId: row.id }), createdAt: row.createdAt, updatedAt: row.updatedAt };
}

function toPromotion(row: PromotionRow): PromotionRecord {
  const parsedState = z.enum(PROMOTION_STATES).safeParse(row.state);
  if (!parsedState.success) throw new CorruptRowError({ table: "Promotion", column: "state", rowId: row.id }, { cause: parsedState.error });
  const state = parsedState.data;
  return {
    id: row.id,
    service: row.service,
    fromStage: row.fromStage,
    toStage: row.toStage,
    fromApp: row.fromApp,
    toApp: row.toApp,
    file: row.file,
    imagesKey: row.imagesKey,
    diff: row.diff,
    auto: row.auto,
    requestedBy: row.requestedBy,
    approvedBy: row.approvedBy,
    commit: row.commit,
    error: row.error,
    createdAt: row.createdAt,
    approvedAt: row.approvedAt,
    finishedAt: row.finishedAt,
    state,
    images: readJsonColumn(promotionImagesSchema, row.images, { table: "Promotion", column: "images", rowId: row.id }) };
}

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
const noPipeline = (service: string) => new NotFoundError(`No pipeline is declared for the service "${service}".`);
const noPromotion = (id: string) => new NotFoundError(`Promotion "${id}" does not exist.`);

/** The pipelines and promotions of one database. */
export function createPipelinesStore(db: Db) {
  return {
    async listPipelines(): Promise<PipelineRecord[]> {
      return (await db.pipeline.findMany({ orderBy: { service: "asc" } })).map(toPipeline);
    },
    /** @throws NotFoundError */
    async getPipeline(service: string): Promise<PipelineRecord> {
      const row = await db.pipeline.findUnique({ where: { service } });
      if (!row) throw noPipeline(service);
      return toPipeline(row);
    },
    /** @throws ConflictError when the service has a pipeline already. */
    async createPipeline(spec: PipelineSpec): Promise<PipelineRecord> {
      try {
        return toPipeline(await db.pipeline.create({ data: { service: spec.service, stages: JSON.stringify(spec.stages) } }));
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`The service "${spec.service}" has a pipeline already.`, { cause: error });
        throw error;
      }
    },
    /** @throws NotFoundError */
    async updatePipeline(service: string, stages: readonly Stage[]): Promise<PipelineRecord> {
      const { count } = await db.pipeline.updateMany({ where: { service }, data: { stages: JSON.stringify(stages) } });
      if (count === 0) throw noPipeline(service);
      return this.getPipeline(service);
    },
    /** Deletes a pipeline and its promotion history. @throws NotFoundError */
    async deletePipeline(service: string): Promise<void> {
      await db.$transaction(async (tx) => {
        const { count } = await tx.pipeline.deleteMany({ where: { service } });
        if (count === 0) throw noPipeline(service);
        await tx.promotion.deleteMany({ where: { service } });
      });
    },
    async insertPromotion(data: NewPromotion): Promise<PromotionRecord> {
      return toPromotion(await db.promotion.create({ data: { ...data, images: JSON.stringify(data.images) } }));
    },
    /** @throws NotFoundError */
    async getPromotion(id: string): Promise<PromotionRecord> {
      const row = await db.promotion.findUnique({ where: { id } });
      if (!row) throw noPromotion(id);
      return toPromotion(row);
    },
    /** A service's promotions, newest first. */
    async listPromotions(service: string, limit = 50): Promise<PromotionRecord[]> {
      return (await db.promotion.findMany({ where: { service }, orderBy: { createdAt: "desc" }, take: limit })).map(toPromotion);
    },
    /** True when images with this key were promoted (or asked to be) into the stage before, in any state. */
    async hasPromotion(service: string, toStage: string, imagesKey: string): Promise<boolean> {
      return (await db.promotion.count({ where: { service, toStage, imagesKey } })) > 0;
    },
    /** Moves a pending promotion to `approved`; false when it was no longer pending (another approval won). */
    async approvePromotion(id: string, approvedBy: string, at: Date): Promise<boolean> {
      const { count } = await db.promotion.updateMany({ where: { id, state: "pending" }, data: { state: "approved", approvedBy, approvedAt: at } });
      return count === 1;
    },
    /** Records how a promotion ended. */
    async finishPromotion(id: string, outcome: PromotionOutcome, at: Date): Promise<PromotionRecord> {
      const data = outcome.state === "committed" ? { state: "committed", commit: outcome.commit } : { state: "failed", error: outcome.error };
      return toPromotion(await db.promotion.update({ where: { id }, data: { ...data, finishedAt: at } }));
    },
  };
}

/** The pipelines store: see {@link createPipelinesStore}. */
export type PipelinesStore = ReturnType<typeof createPipelinesStore>;
