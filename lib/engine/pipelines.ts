/**
 * The engine's pipelines room (lib/promotion), built from the engine's own parts: the database,
 * the watch caches (what runs in each stage), `owns(app)` (automatic promotion runs on the
 * replica that owns the target app), refreshes and syncs after a commit, and the stored
 * repository credentials for the commit itself. Reads are filtered to what the caller sees: a
 * pipeline shows when the caller sees one of its stages' apps.
 */
import type { Principal } from "@/lib/auth/principal";
import { authorize } from "@/lib/auth/authorize";
import type { AppRecord } from "@/lib/db/apps";
import type { PipelineRecord, PromotionRecord } from "@/lib/db/pipelines";
import { isErrorOfKind, NotFoundError } from "@/lib/errors";
import { createAutoPromoter, createPromoter, isWorkloadKind, type PipelineBody, type PipelineSpec } from "@/lib/promotion";
import { pipelineView, type PipelineView } from "@/lib/promotion/status";
import type { CredentialLookup } from "@/lib/source";
import type { KubeObject } from "@/lib/types";
import type { EngineContext } from "./context";
import { messageOf } from "./context";
import type { PipelinesFacade } from "./facade";

/** What the pipelines room needs besides the engine's context. */
export interface PipelinesDependencies {
  credentials?: CredentialLookup;
  refresh(app: string): Promise<unknown>;
  requestSync(app: string, initiator: string): Promise<unknown>;
  /** Time between two looks of automatic promotion. @default 5000 */
  autoPromotionIntervalMs?: number;
}

/** Builds the pipelines room: the facade and the automatic promoter the engine starts and stops. */
export function pipelinesOf(ctx: EngineContext, deps: PipelinesDependencies) {
  async function liveObjects(app: AppRecord): Promise<readonly KubeObject[]> {
    try {
      return ctx.clusters.cache(app.destCluster).trackedBy(app.name).filter((object) => isWorkloadKind(object.kind));
    } catch (error) {
      ctx.log.error(`reading the live workloads of ${app.name} failed: ${messageOf(error)}`);
      return [];
    }
  }
  const onChange = (promotion: PromotionRecord) => ctx.events.publish({ type: "app-status", app: promotion.toApp, detail: { promotion: promotion.id, state: promotion.state } });
  const promoter = createPromoter({ db: ctx.db, liveObjects, refresh: deps.refresh, requestSync: deps.requestSync, credentials: deps.credentials, clock: ctx.clock, log: ctx.log, onChange });
  const auto = createAutoPromoter({ db: ctx.db, promoter, liveObjects, owns: (app) => ctx.owns(app), clock: ctx.clock, log: ctx.log, intervalMs: deps.autoPromotionIntervalMs });

  const appOrUndefined = (name: string) => ctx.db.apps.getApp(name).catch((error: unknown) => (isErrorOfKind(error, "not-found") ? undefined : Promise.reject(error)));

  async function sees(caller: Principal, pipeline: PipelineRecord): Promise<boolean> {
    for (const stage of pipeline.stages) {
      const app = await appOrUndefined(stage.app);
      const project = app?.project;
      if (authorize(caller, { permission: "viewer", app: stage.app, ...(project ? { project } : {}) }).allowed) return true;
    }
    return false;
  }

  /** The pipeline, or a NotFoundError when the caller sees none of its apps (as if it did not exist). */
  async function visible(service: string, caller: Principal): Promise<PipelineRecord> {
    const pipeline = await ctx.db.pipelines.getPipeline(service);
    if (!(await sees(caller, pipeline))) throw new NotFoundError(`No pipeline is declared for the service "${service}".`);
    return pipeline;
  }

  async function view(pipeline: PipelineRecord): Promise<PipelineView> {
    const facts = await Promise.all(
      pipeline.stages.map(async (stage) => {
        const app = await appOrUndefined(stage.app);
        return { app, live: app ? await liveObjects(app) : [], operationRunning: app ? await ctx.db.operations.isOperationRunning(app.id) : false };
      }),
    );
    const pending = (await ctx.db.pipelines.listPromotions(pipeline.service, 200)).filter((promotion) => promotion.state === "pending");
    return pipelineView(pipeline, facts, pending);
  }

  const facade: PipelinesFacade = {
    list: async (caller) => {
      const all = await ctx.db.pipelines.listPipelines();
      const shown: PipelineView[] = [];
      for (const pipeline of all) if (await sees(caller, pipeline)) shown.push(await view(pipeline));
      return shown;
    },
    get: async (service, caller) => view(await visible(service, caller)),
    create: (spec: PipelineSpec) => ctx.db.pipelines.createPipeline(spec),
    update: (service: string, body: PipelineBody) => ctx.db.pipelines.updatePipeline(service, body.stages),
    delete: (service) => ctx.db.pipelines.deletePipeline(service),
    preview: async (service, from, caller) => {
      await visible(service, caller);
      return promoter.preview(service, from);
    },
    promote: async (service, from, caller) => {
      await visible(service, caller);
      return promoter.promote(service, from, caller);
    },
    approve: (id, caller) => promoter.approve(id, caller),
    promotions: async (service, caller, limit) => {
      await visible(service, caller);
      return ctx.db.pipelines.listPromotions(service, limit);
    },
  };
  return { facade, auto };
}
