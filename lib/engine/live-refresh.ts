import { clusterCacheFor, EVENT_KIND, type CacheEvent, type ClusterCache } from "@/lib/cache";
import { publish } from "@/lib/events/bus";
import { trackedAppOf, type KubeObject } from "@/lib/types";

/** What the engine does when the cluster changes under an app. */
export interface LiveRefreshHandlers {
  /** Compares the app again from the cache (Git is not read). */
  refresh(appName: string): Promise<void>;
  /** True while an operation of this process runs for the app; its refresh waits until it ends. */
  isBusy(appName: string): boolean;
}

/** Time to gather a burst of changes (a rollout touches many objects) into one refresh. */
const DEBOUNCE_MS = 100;
/** How often a refresh held back by a running operation looks again. */
const BUSY_RETRY_MS = 300;
/** At most one "the tree below changed" notice per app in this time. */
const CHILD_NOTICE_MS = 250;

/** The app an object belongs to: its own tracking annotation, or that of the nearest owner that has one. */
export function appOfObject(cache: ClusterCache, obj: KubeObject): string | undefined {
  return trackedAppOf(obj) ?? cache.ownersOf(obj).map(trackedAppOf).find((name) => name !== undefined);
}

/** Debounces refreshes per app and never runs two for one app at once. */
class RefreshScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  constructor(private readonly handlers: LiveRefreshHandlers) {}

  schedule(app: string, delayMs = DEBOUNCE_MS): void {
    if (this.running.has(app)) {
      this.again.add(app);
      return;
    }
    if (this.timers.has(app)) return;
    this.timers.set(app, setTimeout(() => void this.run(app), delayMs));
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
      console.error(`live refresh of ${app} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running.delete(app);
      if (this.again.delete(app)) this.schedule(app);
    }
  }
}

/** Tells an app's pages, at most every {@link CHILD_NOTICE_MS}, that objects below its resources changed. */
class ChildNotices {
  private readonly pending = new Set<string>();

  notify(app: string): void {
    if (this.pending.has(app)) return;
    this.pending.add(app);
    setTimeout(() => {
      this.pending.delete(app);
      publish({ type: "resource", app });
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

const globalForLive = globalThis as unknown as { lockstepFollowedClusters?: Set<string> };

/**
 * Makes changes in a cluster reach the apps they concern, once per cluster: a change to an
 * object an app owns, or to one further down its tree (a Pod turning Ready changes health),
 * refreshes that app from the cache (debounced, so drift shows within moments); tree changes
 * and each Kubernetes Event about its objects are also published to its pages.
 */
export function followCluster(cluster: string, handlers: LiveRefreshHandlers): void {
  globalForLive.lockstepFollowedClusters ??= new Set();
  if (globalForLive.lockstepFollowedClusters.has(cluster)) return;
  let cache: ClusterCache;
  try {
    cache = clusterCacheFor(cluster);
  } catch {
    return;
  }
  globalForLive.lockstepFollowedClusters.add(cluster);
  const scheduler = new RefreshScheduler(handlers);
  const notices = new ChildNotices();
  cache.onChange(({ ref, change }: CacheEvent) => {
    if (ref.kind === EVENT_KIND.kind && ref.apiVersion === EVENT_KIND.apiVersion) {
      if (change.type === "deleted") return;
      const uid = (change.object.involvedObject as { uid?: string } | undefined)?.uid;
      const involved = uid ? cache.byUid(uid) : undefined;
      const app = involved ? appOfObject(cache, involved) : undefined;
      if (app) publish({ type: "k8s-event", app, detail: eventDetail(change.object) });
      return;
    }
    const owner = trackedAppOf(change.object);
    if (owner) {
      scheduler.schedule(owner);
      return;
    }
    const app = appOfObject(cache, change.object);
    if (!app) return;
    scheduler.schedule(app);
    notices.notify(app);
  });
}

/** Forgets which clusters are followed (after the caches were stopped, in tests). */
export function resetFollowedClusters(): void {
  globalForLive.lockstepFollowedClusters?.clear();
}
