/**
 * lib/promotion — moving a service's images from one environment to the next, as Kargo's
 * stages do, with a Git commit as the only write: a pipeline per service orders its stages
 * (one app each, an overlay, an optional approval role and automatic promotion after a soak
 * time); a promotion reads the images live and healthy in one stage, matches them to the next
 * stage's `images:` entries and commits the change through lib/cd's write path. Pure rules
 * (schema, images, match, plan, gates, soak, message) sit beside the two effectful parts, the
 * promoter and the automatic promoter, both built from their dependencies by the engine.
 */
export { approvalSchema, autoPromotionSchema, nextStage, pipelineBodySchema, pipelineSpecSchema, previousStage, stageSchema, type Approval, type PipelineBody, type PipelineSpec, type Stage } from "./schema";
export { formatImageReference, imagesKey, isWorkloadKind, liveImagesOf, parseImageReference, type ImageReference, type LiveImage } from "./images";
export { effectiveImageOf, matchImages, readKustomizationImages, type ImageMatch, type KustomizationImage, type PromotedImage } from "./match";
export { applyImages, fileDiff, planPromotion, type PromotionPlan } from "./plan";
export { approvalRefusal, isPromotable, promoteRefusal, sourceRefusal, type ApprovalTarget, type StageState } from "./gates";
export { decideAutoPromotion, observeSoak, type AutoPromotionDecision, type SoakObservation } from "./soak";
export { promotionCommitMessage, type PromotionMessageFacts } from "./message";
export { AUTOMATIC, createPromoter, type Promoter, type PromoterDependencies, type PromotionPreview, type Requester } from "./promoter";
export { createAutoPromoter, type AutoPromoter, type AutoPromoterDependencies } from "./auto-promoter";
export { PROMOTION_AUTHOR } from "./git";
export { pipelineView, stageView, type PipelineView, type StageFacts, type StageView } from "./status";
