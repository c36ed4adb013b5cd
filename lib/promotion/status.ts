/**
 * What a service's page shows of each stage: its app's sync and health, the revision it runs
 * and the images live in it, with the promotions waiting for approval. Built from stored app
 * status and the watch cache only — no Git read — so the page is cheap to load.
 */
import type { AppRecord } from "@/lib/db/apps";
import type { PipelineRecord, PromotionRecord } from "@/lib/db/pipelines";
import type { HealthStatus, KubeObject, SyncStatus } from "@/lib/types";
import { isPromotable } from "./gates";
import { liveImagesOf, type LiveImage } from "./images";
import type { Stage } from "./schema";

/** One stage as it is now. */
export interface StageView extends Stage {
  /** The overlay promotions write to (the stage's path, else its app's). */
  overlay: string;
  /** False when the stage's app does not exist (yet). */
  exists: boolean;
  project: string | null;
  syncStatus: SyncStatus;
  healthStatus: HealthStatus;
  /** The commit the app last compared with. */
  revision: string | null;
  revisionSubject: string | null;
  /** The images its workloads run. */
  images: LiveImage[];
  /** True when the stage may be promoted from now (Synced, Healthy, idle); always false for the last. */
  promotable: boolean;
}

/** A pipeline with its stages' state and waiting promotions. */
export interface PipelineView {
  service: string;
  stages: StageView[];
  /** Promotions waiting for approval, newest first. */
  pending: PromotionRecord[];
  createdAt: Date;
  updatedAt: Date;
}

/** What a stage's view is read from. */
export interface StageFacts {
  app: AppRecord | undefined;
  live: readonly KubeObject[];
  operationRunning: boolean;
}

/** The view of one stage from its facts; `isLast` stages are never promotable. */
export function stageView(stage: Stage, facts: StageFacts, isLast: boolean): StageView {
  const { app } = facts;
  const syncStatus = app?.status.syncStatus ?? "Unknown";
  const healthStatus = app?.status.healthStatus ?? "Unknown";
  return {
    ...stage,
    overlay: stage.path ?? app?.path ?? "",
    exists: app !== undefined,
    project: app?.project ?? null,
    syncStatus,
    healthStatus,
    revision: app?.status.revision ?? null,
    revisionSubject: app?.status.revisionSubject ?? null,
    images: liveImagesOf(facts.live),
    promotable: !isLast && app !== undefined && isPromotable({ app: app.name, syncStatus, healthStatus, operationRunning: facts.operationRunning }),
  };
}

/** The view of a pipeline from each stage's facts (in stage order) and its pending promotions. */
export function pipelineView(pipeline: PipelineRecord, facts: readonly StageFacts[], pending: readonly PromotionRecord[]): PipelineView {
  return {
    service: pipeline.service,
    stages: pipeline.stages.map((stage, index) => stageView(stage, facts[index] ?? { app: undefined, live: [], operationRunning: false }, index === pipeline.stages.length - 1)),
    pending: [...pending],
    createdAt: pipeline.createdAt,
    updatedAt: pipeline.updatedAt,
  };
}
