/**
 * Automatic promotion: every tick, each stage with `autoPromotion` looks at the stage before
 * it; once that stage has run the same images, Synced, Healthy and idle, for the soak time,
 * they are promoted (into a pending promotion when the stage needs approval). Only the replica
 * that owns the target app decides, as notifications do, and each (stage, images) is promoted
 * once: a row records it, and an attempt that failed or found nothing to change is not repeated
 * for the same images. The soak is measured from when this replica first saw the images
 * promotable, so a restart starts it again.
 */
import type { DatabaseStores } from "@/lib/db/database";
import { isErrorOfKind } from "@/lib/errors";
import type { KubeObject } from "@/lib/types";
import type { AppRecord } from "@/lib/db/apps";
import { isPromotable } from "./gates";
import { imagesKey, liveImagesOf } from "./images";
import { AUTOMATIC, type Promoter } from "./promoter";
import { decideAutoPromotion, observeSoak, type SoakObservation } from "./soak";

/** What the automatic promoter is built from. */
export interface AutoPromoterDependencies {
  db: Pick<DatabaseStores, "apps" | "pipelines" | "operations">;
  promoter: Pick<Promoter, "promote">;
  liveObjects(app: AppRecord): Promise<readonly KubeObject[]>;
  /** True when this replica runs the app. */
  owns(app: string): boolean;
  clock: { now(): number };
  log: { info(message: string): void; error(message: string): void };
  /** Time between two looks. @default 5000 */
  intervalMs?: number;
}

/** Builds the automatic promoter of one engine; nothing runs until `start()`. */
export function createAutoPromoter(deps: AutoPromoterDependencies) {
  const observations = new Map<string, SoakObservation>();
  const tried = new Set<string>();
  const intervalMs = deps.intervalMs ?? 5_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function sourceState(app: AppRecord): Promise<{ key: string; promotable: boolean }> {
    const operationRunning = await deps.db.operations.isOperationRunning(app.id);
    const promotable = isPromotable({ app: app.name, syncStatus: app.status.syncStatus, healthStatus: app.status.healthStatus, operationRunning });
    return { key: promotable ? imagesKey(liveImagesOf(await deps.liveObjects(app))) : "", promotable };
  }

  async function considerStage(service: string, fromName: string, fromApp: string, to: { name: string; app: string; soakSeconds: number }): Promise<void> {
    const slot = `${service}/${to.name}`;
    if (!deps.owns(to.app)) {
      observations.delete(slot);
      return;
    }
    const app = await deps.db.apps.getApp(fromApp).catch((error: unknown) => (isErrorOfKind(error, "not-found") ? undefined : Promise.reject(error)));
    const observation = app ? observeSoak(observations.get(slot), await sourceState(app), deps.clock.now()) : undefined;
    if (observation) observations.set(slot, observation);
    else observations.delete(slot);
    const attempt = observation ? `${slot}/${observation.key}` : "";
    const decision = decideAutoPromotion({ observation, soakMs: to.soakSeconds * 1000, now: deps.clock.now(), alreadyPromoted: tried.has(attempt) });
    if (decision.action !== "promote") return;
    tried.add(attempt);
    if (await deps.db.pipelines.hasPromotion(service, to.name, decision.key)) return;
    try {
      const promotion = await deps.promoter.promote(service, fromName, AUTOMATIC);
      deps.log.info(`automatic promotion ${promotion.id} of ${service} from ${fromName} to ${to.name}: ${promotion.state}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isErrorOfKind(error, "conflict")) deps.log.info(`automatic promotion of ${service} from ${fromName} to ${to.name} skipped: ${message}`);
      else deps.log.error(`automatic promotion of ${service} from ${fromName} to ${to.name} failed: ${message}`);
    }
  }

  /** Looks at every stage with automatic promotion once. */
  async function tick(): Promise<void> {
    for (const pipeline of await deps.db.pipelines.listPipelines()) {
      for (let index = 1; index < pipeline.stages.length; index++) {
        const to = pipeline.stages[index]!;
        const from = pipeline.stages[index - 1]!;
        if (!to.autoPromotion) continue;
        await considerStage(pipeline.service, from.name, from.app, { name: to.name, app: to.app, soakSeconds: to.autoPromotion.soakSeconds }).catch((error: unknown) =>
          deps.log.error(`automatic promotion of ${pipeline.service} into ${to.name} failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => deps.log.error(`automatic promotion failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, intervalMs);
  }

  return {
    tick,
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** The automatic promoter of one engine: see {@link createAutoPromoter}. */
export type AutoPromoter = ReturnType<typeof createAutoPromoter>;
