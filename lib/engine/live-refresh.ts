import { EVENT_KIND, type CacheEvent } from "@/lib/cache";
import type { EventBus } from "@/lib/events/bus";
import { trackedAppOf, type KubeObject } from "@/lib/types";
import { messageOf, type EngineContext, type LiveCluster } from "./context";

/** What the engine does when the cluster changes under an app. */
export interface LiveRefreshHandlers {
  /** Compares the app again from the cache (Git is not read). */
  refresh(appName: string): Promise<void>;
  /** True while an operation of this engine runs for the app; its refresh waits until it ends. */
  isBusy(appName: string): boolean;
}

/** Time to gather a burst of changes (a rollout touches many objects) into one refresh. */
const DEBOUNCE_MS = 100;
/** How often a refresh held back by a running operation looks again. */
const BUSY_RETRY_MS = 300;
/** At most one "the tree below changed" notice per app in this time. */
const CHILD_NOTICE_MS = 250;

/** The app an object belongs to: its own tracking annotation, or that of the nearest owner that has one. */
export function appOfObject(cache: LiveCluster, obj: KubeObject): string | undefined {
  return trackedAppOf(obj) ?? cache.ownersOf(obj).map(trackedAppOf).find((name) => name !== undefined);
}

/** Debounces refreshes per app and never runs two for one app at once. */
class RefreshScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  constructor(
    private readonly handlers: LiveRefreshHandlers,
    private readonly onError: (message: string) => void,
  ) {}

  schedule(app: string, delayMs = DEBOUNCE_MS): void {
    if (this.running.has(app)) {
      this.again.add(app);
      return;
    }
    if (this.timers.has(app)) return;
    this.timers.set(app, setTimeout(() => void this.run(app), delayMs));
  }

  /** Cancels every pending refresh. */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async run(app: string): Promise<void> {
    this.timers.delete(app);
    if (this.handlers.isBusy(app)) {
      this.schedule(app, BUSY_RETRY_MS);
      return;
    }
    this.running.add(app);
    try {
      await this.handlers.refresh(app);
    } catch (error) {
      this.onError(`live refresh of ${app} failed: ${messageOf(error)}`);
    } finally {
      this.running.delete(app);
      if (this.again.delete(app)) this.schedule(app);
    }
  }
}

/** Tells an app's pages, at most every {@link CHILD_NOTICE_MS}, that objects below its resources changed. */
class ChildNotices {
  private readonly pending = new Set<string>();

  constructor(private readonly events: EventBus) {}

  notify(app: string): void {
    if (this.pending.has(app)) return;
    this.pending.add(app);
    setTimeout(() => {
      this.pending.delete(app);
      this.events.publish({ type: "resource", app });
    }, CHILD_NOTICE_MS);
  }
}

function eventDetail(event: KubeObject): Record<string, unknown> {
  const involved = (event.involvedObject ?? {}) as { kind?: string; name?: string };
  return {
    reason: event.reason,
    type: event.type,
    object: `${involved.kind ?? "?"}/${involved.name ?? "?"}`,
    message: typeof event.message === "string" ? event.message.slice(0, 300) : undefined,
  };
}

/**
 * Makes changes in a cluster reach the apps they concern, once per cluster: a change to an
 * object an app owns, or to one further down its tree (a Pod turning Ready changes health),
 * refreshes that app from the cache (debounced, so drift shows within moments); tree changes
 * and each Kubernetes Event about its objects are also published to its pages.
 */
export class LiveRefresh {
  private readonly followed = new Map<string, LiveCluster>();
  private readonly scheduler: RefreshScheduler;
  private readonly notices: ChildNotices;

  constructor(
    private readonly ctx: Pick<EngineContext, "clusters" | "events" | "log">,
    handlers: LiveRefreshHandlers,
  ) {
    this.scheduler = new RefreshScheduler(handlers, (message) => ctx.log.error(message));
    this.notices = new ChildNotices(ctx.events);
  }

  /**
   * Starts following a cluster's changes, once per watch cache (a registered cluster whose
   * configuration changed gets a new one); a cluster that cannot be configured is skipped.
   */
  follow(cluster: string): void {
    let cache: LiveCluster;
    try {
      cache = this.ctx.clusters.cache(cluster);
    } catch {
      return;
    }
    if (this.followed.get(cluster) === cache) return;
    this.followed.set(cluster, cache);
    cache.onChange((event) => this.handle(cache, event));
  }

  private handle(cache: LiveCluster, { ref, change }: CacheEvent): void {
    if (ref.kind === EVENT_KIND.kind && ref.apiVersion === EVENT_KIND.apiVersion) {
      if (change.type === "deleted") return;
      const uid = (change.object.involvedObject as { uid?: string } | undefined)?.uid;
      const involved = uid ? cache.byUid(uid) : undefined;
      const app = involved ? appOfObject(cache, involved) : undefined;
      if (app) this.ctx.events.publish({ type: "k8s-event", app, detail: eventDetail(change.object) });
      return;
    }
    const owner = trackedAppOf(change.object);
    if (owner) {
      this.scheduler.schedule(owner);
      return;
    }
    const app = appOfObject(cache, change.object);
    if (!app) return;
    this.scheduler.schedule(app);
    this.notices.notify(app);
  }

  /** Cancels pending refreshes (the engine stops). */
  stop(): void {
    this.scheduler.stop();
  }
}
