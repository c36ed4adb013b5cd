/**
 * Promotions of one engine: `promote(service, from)` takes the images live and healthy in a
 * stage and commits them into the next stage's overlay (lib/cd's write path), or — when that
 * stage needs approval — records a pending promotion that a holder of the role approves.
 * Every promotion is a row (who, from, to, images, commit, state, times); after a commit the
 * target app is refreshed, and synced when its stage says so. Collaborators come in as one
 * {@link PromoterDependencies}, so the whole flow runs in tests without a server.
 */
import { ForbiddenError } from "@/lib/auth/errors";
import { describePrincipal, type Principal } from "@/lib/auth/principal";
import { isSetImageError } from "@/lib/cd/set-image-error";
import type { AppRecord } from "@/lib/db/apps";
import type { DatabaseStores } from "@/lib/db/database";
import type { PipelineRecord, PromotionRecord } from "@/lib/db/pipelines";
import { ConflictError, InvalidError, isDomainError, isErrorOfKind } from "@/lib/errors";
import type { CredentialLookup } from "@/lib/source";
import type { KubeObject } from "@/lib/types";
import { approvalRefusal, promoteRefusal, sourceRefusal } from "./gates";
import { commitImages, readOverlay, type OverlayTarget } from "./git";
import { imagesKey, liveImagesOf, type LiveImage } from "./images";
import { matchImages, type ImageMatch } from "./match";
import { promotionCommitMessage } from "./message";
import { planPromotion } from "./plan";
import { nextStage, type Stage } from "./schema";

/** How automatic promotion names itself in records and commit messages. */
export const AUTOMATIC = "automatic promotion";

/** What the promoter is built from. */
export interface PromoterDependencies {
  db: Pick<DatabaseStores, "apps" | "pipelines" | "operations">;
  /** The live objects an app tracks (its workloads among them), from the watch cache. */
  liveObjects(app: AppRecord): Promise<readonly KubeObject[]>;
  /** Compares an app with Git now (after a promotion's commit). */
  refresh(app: string): Promise<unknown>;
  /** Queues a sync of an app, recorded as asked by `initiator`. */
  requestSync(app: string, initiator: string): Promise<unknown>;
  /** Stored repository credentials, by URL. @default none */
  credentials?: CredentialLookup;
  clock: { now(): number };
  log: { info(message: string): void; error(message: string): void };
  /** Told of every promotion stored or changed (the engine publishes it). */
  onChange?(promotion: PromotionRecord): void;
  /** Git, replaceable in tests. @default lib/promotion/git */
  git?: { readOverlay: typeof readOverlay; commitImages: typeof commitImages };
}

/** What a promotion from a stage would commit: the preview. */
export interface PromotionPreview {
  service: string;
  from: string;
  to: string;
  fromApp: string;
  toApp: string;
  /** The kustomization file the commit changes. */
  file: string;
  /** The branch head the preview was computed on. */
  head: string;
  /** What runs live in the source stage. */
  live: LiveImage[];
  /** The entries that change, from → to. */
  images: ImageMatch["images"];
  /** Entries left alone, and why. */
  skipped: ImageMatch["skipped"];
  /** The unified diff of the file; empty when the target has these images already. */
  diff: string;
  /** Why the source cannot be promoted now (not Synced, not Healthy, busy); absent when it can. */
  blocked?: string;
  /** The role approving needs, when the target stage needs approval. */
  approval?: Stage["approval"];
  /** The key of the source's live images (automatic promotion happens once per key). */
  imagesKey: string;
}

/** Who asks for a promotion: a principal, or automatic promotion. */
export type Requester = Principal | typeof AUTOMATIC;

interface Resolved {
  pipeline: PipelineRecord;
  from: Stage;
  to: Stage;
  fromApp: AppRecord;
  toApp: AppRecord;
}

/** Builds the promoter of one engine. */
export function createPromoter(deps: PromoterDependencies) {
  const git = deps.git ?? { readOverlay, commitImages };
  const now = () => new Date(deps.clock.now());

  async function appOfStage(stage: Stage): Promise<AppRecord> {
    return deps.db.apps.getApp(stage.app).catch((error: unknown) => {
      if (isErrorOfKind(error, "not-found")) throw new ConflictError(`Stage "${stage.name}" names the app "${stage.app}", which does not exist.`);
      throw error;
    });
  }

  async function resolve(service: string, fromName: string): Promise<Resolved> {
    const pipeline = await deps.db.pipelines.getPipeline(service);
    const from = pipeline.stages.find((stage) => stage.name === fromName);
    if (!from) throw new InvalidError(`The pipeline of "${service}" has no stage "${fromName}"; its stages are ${pipeline.stages.map((s) => s.name).join(", ")}.`);
    const to = nextStage(pipeline, fromName);
    if (!to) throw new InvalidError(`Stage "${fromName}" is the last of the pipeline of "${service}"; there is no stage to promote it to.`);
    return { pipeline, from, to, fromApp: await appOfStage(from), toApp: await appOfStage(to) };
  }

  function overlayOf(app: AppRecord, stage: Stage): OverlayTarget {
    const branch = app.targetRevision.trim();
    if (/^[0-9a-f]{40}$/i.test(branch)) throw new ConflictError(`Application "${app.name}" follows the fixed commit ${branch.slice(0, 7)}, so a promotion committed to a branch would not change what it deploys.`);
    return { repoUrl: app.repoUrl, branch: branch === "" || branch === "HEAD" ? undefined : branch.replace(/^refs\/heads\//, ""), path: stage.path ?? app.path, credentials: deps.credentials };
  }

  async function blockedReason(stage: Stage, app: AppRecord): Promise<string | undefined> {
    const operationRunning = await deps.db.operations.isOperationRunning(app.id);
    return sourceRefusal(stage.name, { app: app.name, syncStatus: app.status.syncStatus, healthStatus: app.status.healthStatus, operationRunning });
  }

  /** What a promotion from `from` would commit now; nothing is written. */
  async function preview(service: string, fromName: string): Promise<PromotionPreview> {
    const { from, to, fromApp, toApp } = await resolve(service, fromName);
    const live = liveImagesOf(await deps.liveObjects(fromApp));
    const overlay = await git.readOverlay(overlayOf(toApp, to));
    const match = matchImages(overlay.entries, live);
    const plan = planPromotion(overlay.text, match.images, overlay.file);
    const blocked = await blockedReason(from, fromApp);
    return {
      service,
      from: from.name,
      to: to.name,
      fromApp: fromApp.name,
      toApp: toApp.name,
      file: overlay.file,
      head: overlay.head,
      live,
      images: plan.images,
      skipped: match.skipped,
      diff: plan.diff,
      ...(blocked ? { blocked } : {}),
      ...(to.approval ? { approval: to.approval } : {}),
      imagesKey: imagesKey(live),
    };
  }

  function changed(promotion: PromotionRecord): PromotionRecord {
    deps.onChange?.(promotion);
    return promotion;
  }

  /** Commits a promotion that needs no (more) approval, records how it ended, then refreshes (and maybe syncs) the target app. */
  async function commit(promotion: PromotionRecord, toApp: AppRecord, to: Stage): Promise<PromotionRecord> {
    const message = promotionCommitMessage({
      service: promotion.service,
      from: promotion.fromStage,
      to: promotion.toStage,
      images: promotion.images,
      file: promotion.file,
      requestedBy: promotion.requestedBy,
      ...(promotion.approvedBy ? { approvedBy: promotion.approvedBy } : {}),
      promotionId: promotion.id,
    });
    let written;
    try {
      written = await git.commitImages({ ...overlayOf(toApp, to), path: promotion.file }, promotion.images, message);
    } catch (error) {
      if (isSetImageError(error) && error.detail) deps.log.error(`promotion ${promotion.id} of ${promotion.service} failed: ${error.message} Git said: ${error.detail}`);
      const reason = isDomainError(error) ? error.message : "The commit could not be made.";
      changed(await deps.db.pipelines.finishPromotion(promotion.id, { state: "failed", error: reason }, now()));
      throw error;
    }
    if (written.status === "unchanged") {
      const reason = `${promotion.file} already had these images at ${written.commit.slice(0, 7)} (another commit put them there); nothing was committed.`;
      return changed(await deps.db.pipelines.finishPromotion(promotion.id, { state: "failed", error: reason }, now()));
    }
    const done = changed(await deps.db.pipelines.finishPromotion(promotion.id, { state: "committed", commit: written.commit }, now()));
    await deps.refresh(toApp.name).catch((error: unknown) => deps.log.error(`refreshing ${toApp.name} after promotion ${promotion.id} failed: ${messageOf(error)}`));
    if (to.syncAfterPromotion) {
      // A conflict is an operation already queued or running: the refresh above started the app's own auto-sync.
      await deps.requestSync(toApp.name, promotion.approvedBy ?? promotion.requestedBy).catch((error: unknown) => {
        if (!isErrorOfKind(error, "conflict")) deps.log.error(`syncing ${toApp.name} after promotion ${promotion.id} failed: ${messageOf(error)}`);
      });
    }
    return done;
  }

  /**
   * Promotes the images live in stage `from` into the next stage: refused unless the source is
   * Synced, Healthy and idle; stored `pending` when the next stage needs approval, else committed.
   * @throws InvalidError for an unknown or last stage; ForbiddenError when the caller may not deploy the target app;
   * ConflictError when the source is not promotable or the target runs these images already; SetImageError when Git fails.
   */
  async function promote(service: string, fromName: string, requester: Requester): Promise<PromotionRecord> {
    const { from, to, fromApp, toApp } = await resolve(service, fromName);
    if (requester !== AUTOMATIC) {
      const refusal = promoteRefusal(requester, { app: toApp.name, project: toApp.project });
      if (refusal) throw new ForbiddenError(refusal);
    }
    const blocked = await blockedReason(from, fromApp);
    if (blocked) throw new ConflictError(blocked);
    const live = liveImagesOf(await deps.liveObjects(fromApp));
    if (live.length === 0) throw new ConflictError(`Stage "${from.name}" (app "${fromApp.name}") runs no workload with an image to promote.`);
    const overlay = await git.readOverlay(overlayOf(toApp, to));
    const match = matchImages(overlay.entries, live);
    const plan = planPromotion(overlay.text, match.images, overlay.file);
    if (plan.diff === "") {
      const what = match.images.length > 0 ? match.images.map((image) => image.to).join(", ") : "none of its images";
      throw new ConflictError(`Stage "${to.name}" already has ${what} in ${overlay.file}; there is nothing to promote from "${from.name}".`);
    }
    const promotion = changed(
      await deps.db.pipelines.insertPromotion({
        service,
        fromStage: from.name,
        toStage: to.name,
        fromApp: fromApp.name,
        toApp: toApp.name,
        file: overlay.file,
        images: plan.images,
        imagesKey: imagesKey(live),
        diff: plan.diff,
        state: to.approval ? "pending" : "approved",
        auto: requester === AUTOMATIC,
        requestedBy: requester === AUTOMATIC ? AUTOMATIC : describePrincipal(requester),
      }),
    );
    if (to.approval) {
      deps.log.info(`promotion ${promotion.id} of ${service} from ${from.name} to ${to.name} waits for approval by the ${to.approval.role} role`);
      return promotion;
    }
    return commit(promotion, toApp, to);
  }

  /**
   * Approves a pending promotion and commits it.
   * @throws ConflictError when it is not pending; ForbiddenError when `caller` lacks the stage's approval role.
   */
  async function approve(id: string, caller: Principal): Promise<PromotionRecord> {
    const promotion = await deps.db.pipelines.getPromotion(id);
    if (promotion.state !== "pending") throw new ConflictError(`Promotion ${id} is ${promotion.state}, not waiting for approval.`);
    const pipeline = await deps.db.pipelines.getPipeline(promotion.service);
    const to = pipeline.stages.find((stage) => stage.name === promotion.toStage);
    if (!to) throw new ConflictError(`The pipeline of "${promotion.service}" no longer has the stage "${promotion.toStage}".`);
    const toApp = await appOfStage(to);
    const target = { app: toApp.name, project: toApp.project };
    const refusal = to.approval ? approvalRefusal(caller, to.approval, target) : promoteRefusal(caller, target);
    if (refusal) throw new ForbiddenError(refusal);
    if (!(await deps.db.pipelines.approvePromotion(id, describePrincipal(caller), now()))) throw new ConflictError(`Promotion ${id} was approved or ended by someone else meanwhile.`);
    return commit(changed(await deps.db.pipelines.getPromotion(id)), toApp, to);
  }

  return { preview, promote, approve, resolveStageApps: resolve };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The promoter of one engine: see {@link createPromoter}. */
export type Promoter = ReturnType<typeof createPromoter>;
