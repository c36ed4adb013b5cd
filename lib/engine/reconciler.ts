/**
 * The reconciler: polls every app's repository on its interval (ls-remote only — a fetch and a
 * render happen only when the commit moved), refreshes apps at once when a webhook says their
 * branch moved, and backs off from unreachable repositories while the rest carry on. Automated
 * sync and self-heal are not decided here: the engine runs them after every refresh.
 */
import { isErrorOfKind, NotFoundError } from "@/lib/errors";
import { createRevisionMemo, type RevisionMemo } from "@/lib/source";
import type { HealthStatus, SyncStatus } from "@/lib/types";
import type { AppComparison } from "./compare-app";
import type { RefreshOptions } from "./comparisons";
import { mapLimit } from "./concurrency";
import { messageOf, type EngineContext } from "./context";
import { createPollScheduler, type PollScheduler, type RefreshOutcome } from "./poll-scheduler";
import { isRepoUnreachable } from "./unreachable";

function positiveNumber(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return text !== undefined && text.trim() !== "" && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The global poll interval: `LOCKSTEP_REFRESH_SECONDS`, else 180 seconds (Argo CD's default). */
export function refreshIntervalMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  return positiveNumber(env.LOCKSTEP_REFRESH_SECONDS, 180) * 1000;
}

/**
 * Refreshes running at once: `LOCKSTEP_REFRESH_CONCURRENCY`, else 8. A refresh waits on Git,
 * the disk and the API server as well as on the server's CPU; at 8 a full refresh of 1,000 apps
 * takes about 1.3 s, and a fan-out is bound by the server's CPU (docs/performance.md).
 */
export function refreshConcurrency(env: Readonly<Record<string, string | undefined>> = process.env): number {
  return Math.floor(positiveNumber(env.LOCKSTEP_REFRESH_CONCURRENCY, 8));
}

/** What refreshing one of many apps found. */
export interface RefreshedApp {
  name: string;
  syncStatus: SyncStatus;
  healthStatus?: HealthStatus;
  /** The commit compared. */
  revision?: string;
  /** Why the app could not be refreshed, when it could not; the others carry on. */
  error?: string;
}

/** Refreshes one app (reading Git) for the reconciler. */
export type RefreshApp = (name: string, options: RefreshOptions) => Promise<AppComparison>;

/** The polling reconciler of one engine. */
export class Reconciler {
  private readonly scheduler: PollScheduler;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly ctx: Pick<EngineContext, "db" | "settings" | "log" | "clock" | "owns">,
    private readonly refresh: RefreshApp,
  ) {
    this.scheduler = createPollScheduler({
      listApps: async () => (await ctx.db.appSources.listAppSources()).filter((app) => ctx.owns(app.name)),
      refresh: (name, revisions) => this.refreshForSchedule(name, revisions),
      intervalMs: ctx.settings.refreshIntervalMs,
      concurrency: ctx.settings.refreshConcurrency,
      onError: (name, error) => ctx.log.error(`refresh of ${name} failed: ${messageOf(error)}`),
      now: () => ctx.clock.now(),
    });
  }

  /** Refreshes one app for the scheduler; a deleted app is not an error. */
  private async refreshForSchedule(name: string, revisions: RevisionMemo): Promise<RefreshOutcome> {
    try {
      return { unreachable: isRepoUnreachable(await this.refresh(name, { revisions })) };
    } catch (error) {
      if (!isErrorOfKind(error, "not-found")) this.ctx.log.error(`refresh of ${name} failed: ${messageOf(error)}`);
      return { unreachable: false };
    }
  }

  /** Refreshes these apps as soon as possible, after the caller has moved on (a webhook answers first). */
  request(names: readonly string[]): void {
    if (names.length > 0) this.scheduler.request(names);
  }

  /**
   * Refreshes these apps now, all together as one cycle — one `ls-remote` per repository and
   * revision for all of them — and resolves once every one is done. A name that is no app is
   * refused before anything runs.
   * @throws NotFoundError naming the first unknown app.
   */
  async refreshMany(names: readonly string[], options: { hard?: boolean } = {}): Promise<RefreshedApp[]> {
    const known = new Set((await this.ctx.db.appSources.listAppSources()).map((app) => app.name));
    const unknown = names.find((name) => !known.has(name));
    if (unknown !== undefined) throw new NotFoundError(`Application "${unknown}" does not exist.`);
    const revisions = createRevisionMemo();
    return mapLimit([...new Set(names)], this.ctx.settings.refreshConcurrency, async (name): Promise<RefreshedApp> => {
      try {
        const comparison = await this.refresh(name, { revisions, hard: options.hard });
        return { name, syncStatus: comparison.syncStatus, healthStatus: comparison.healthStatus, revision: comparison.revision?.sha };
      } catch (error) {
        return { name, syncStatus: "Unknown", error: messageOf(error) };
      }
    });
  }

  /** Starts polling: the scheduler ticks and refreshes each app when it is due. */
  start(): void {
    if (this.polling) return;
    this.polling = true;
    const tick = async () => {
      await this.scheduler.tick().catch((error) => this.ctx.log.error(`reconcile failed: ${messageOf(error)}`));
      if (this.polling) this.timer = setTimeout(tick, this.scheduler.nextTickMs());
    };
    this.timer = setTimeout(tick, 1000);
  }

  /** Stops polling and waits for refreshes already started. */
  async stop(): Promise<void> {
    this.polling = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.scheduler.idle();
  }
}
