/**
 * `createEngine`: the engine as one object built from its dependencies, as gitops-engine's
 * `NewEngine` is. It owns every cache, timer and worker of the process's GitOps loop —
 * comparisons and their memory, the operation queue's worker, automation, the live refresh
 * from cluster watches and the polling reconciler — and answers through the small
 * {@link EngineFacade}. Tests build engines of their own with their own dependencies.
 */
import { describePrincipal, type Principal } from "@/lib/auth/principal";
import { ConflictError, isErrorOfKind, RefusedByPolicyError } from "@/lib/errors";
import type { EventBus } from "@/lib/events/bus";
import { eventStream } from "@/lib/events/sse";
import { appInfoLabels, createMetrics, webhookResultOf, type Metrics } from "@/lib/metrics";
import type { ClusterTarget } from "@/lib/appsets/generators";
import { createAppSetGit, type AppSetGit } from "@/lib/appsets/git-tree";
import type { Source } from "@/lib/source";
import { createAppMemory } from "./app-memory";
import { AppSets } from "./app-sets";
import { shownComparison } from "./compare-app";
import { DryRunCache } from "./dry-run-cache";
import { Applications } from "./applications";
import { Automation } from "./automation";
import { Comparer, type ComparedListener } from "./comparisons";
import { messageOf, type AppMembership, type Clock, type EngineContext, type EngineDatabase, type EngineSettings, type EngineSource, type ClusterAccess, type Logger } from "./context";
import type { EngineFacade } from "./facade";
import { notificationsOf, type EngineNotifications } from "./notifications";
import { compareHistoryEntries } from "./history";
import { LiveRefresh } from "./live-refresh";
import { Operations } from "./operations";
import { Reconciler } from "./reconciler";
import { loadRules, windowVerdict } from "./project-rules";
import { previewRollbackOf } from "./rollback";
import { createRollbackCommitter } from "./rollback-commit";
import { pipelinesOf } from "./pipelines";
import type { CredentialLookup } from "@/lib/source";
import { aloneStatus, takeOverShards } from "./replicas";
import type { ShardChange } from "@/lib/shards";
import { createInsightsReader } from "@/lib/insights/reader";
import type { ResourceStatusRow } from "./status-rows";

/** The rooms beside the GitOps loop that the facade also answers for. */
export type EngineRooms = Pick<EngineFacade, "auth" | "audit" | "credentials" | "clusters" | "images" | "drift" | "gitWebhook">;

/** What an engine is built from. */
export interface EngineDependencies {
  db: EngineDatabase;
  clusters: ClusterAccess;
  source: EngineSource;
  events: EventBus;
  /** @default a new cache of the default size */
  dryRuns?: DryRunCache;
  /** Builds the rooms beside the loop, given the engine's request for refreshes (webhooks). */
  rooms: (engine: { requestRefresh(names: readonly string[]): void }) => EngineRooms;
  settings: EngineSettings;
  /** @default the system clock */
  clock?: Clock;
  /** @default console */
  log?: Logger;
  /** Which apps this replica runs, when it shares the database with others. @default every app */
  membership?: AppMembership;
  /** Stored repository credentials, for commits to config repositories (making a rollback permanent). @default none */
  repoCredentials?: CredentialLookup;
  /** The key ring and settings of notifications (lib/notifications). @default none: the notifications API answers that they are not configured */
  notifications?: EngineNotifications;
  /** The engine's Prometheus metrics, on a registry of their own; one engine per `Metrics` (the engine sets where app info is read). @default a new one, without process metrics */
  metrics?: Metrics;
  /** Time between two looks of automatic promotion (lib/promotion). @default 5000 */
  autoPromotionIntervalMs?: number;
  /** What app sets read of Git. @default read through `source` when it is a full lib/source `Source`, else refused */
  appSetGit?: AppSetGit;
  /** The clusters an app set's clusters generator gives values for. @default `local` alone */
  appSetClusters?: () => Promise<ClusterTarget[]>;
}

/** App sets' Git: the engine's source when it can resolve and fetch, else a reader that says why not. */
function appSetGitOf(source: EngineSource): AppSetGit {
  const full = source as Partial<Pick<Source, "resolveRevision" | "ensureCommit">>;
  if (full.resolveRevision && full.ensureCommit) return createAppSetGit(full as Pick<Source, "resolveRevision" | "ensureCommit">);
  const refuse = () => Promise.reject(new Error("This engine reads no Git for app sets."));
  return { resolve: refuse, tree: refuse };
}

/** Options of {@link Engine.start}. */
export interface StartOptions {
  /** Poll Git on every app's interval. @default true */
  reconcile?: boolean;
}

/** An engine: the facade, plus its life cycle. */
export interface Engine extends EngineFacade {
  /** Releases operations a crashed process left, starts the worker and (unless told not to) the reconciler. */
  start(options?: StartOptions): Promise<void>;
  /** Stops polling, aborts running operations and waits for them to record their end, stops watches. */
  stop(): Promise<void>;
  /** Resolves once no operation is being claimed or running here (tests). */
  drain(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };
const consoleLog: Logger = { info: (m) => console.log(m), error: (m) => console.error(m) };

/** Builds an engine from its dependencies; nothing runs until {@link Engine.start}. */
export function createEngine(deps: EngineDependencies): Engine {
  const metrics = deps.metrics ?? createMetrics();
  const ctx: EngineContext = {
    db: deps.db,
    clusters: deps.clusters,
    source: deps.source,
    events: deps.events,
    dryRuns: deps.dryRuns ?? new DryRunCache(),
    clock: deps.clock ?? systemClock,
    log: deps.log ?? consoleLog,
    settings: deps.settings,
    memory: createAppMemory(),
    owns: (appName) => deps.membership?.owns(appName) ?? true,
    metrics,
  };
  /* lockstep_app_info: the apps this replica runs (so replicas sum without double counting), from their stored status. */
  metrics.collectApps(async () => (await ctx.db.apps.listAllApps()).filter((app) => ctx.owns(app.name)).map(appInfoLabels));
  const comparer = new Comparer(ctx, afterCompare);
  const operations = new Operations(ctx, comparer);
  const automation = new Automation(ctx, {
    enqueue: (app, kind) => operations.requestAutomated(app, kind),
    refresh: (name) => comparer.compareAndStore(name, "cluster"),
  });
  const live = new LiveRefresh(ctx, {
    refresh: async (name) => {
      if (!ctx.owns(name)) return;
      await comparer.compareAndStore(name, "cluster").catch((error: unknown) => {
        if (!isErrorOfKind(error, "not-found")) throw error;
      });
    },
    isBusy: (name) => operations.isRunning(name),
  });
  /** After every stored comparison: follow the app's cluster; warn the apps newly sharing an object; after a refresh or a cluster change, automation decides. */
  function afterCompare(...[app, comparison, trigger, newlyShared]: Parameters<ComparedListener>): void {
    live.follow(app.destCluster);
    if (newlyShared.length > 0) reconciler.request(newlyShared);
    if ((trigger === "refresh" || trigger === "cluster") && ctx.owns(app.name)) {
      automation.consider(app, comparison).catch((error: unknown) => ctx.log.error(`automation of ${app.name} failed: ${messageOf(error)}`));
    }
  }
  const reconciler = new Reconciler(ctx, (name, options) => comparer.compareAndStore(name, "refresh", options));
  /** Writes a project, then has the next comparison of its apps read it again. */
  async function writeProject<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      comparer.projectWritten(name);
    }
  }
  const applications = new Applications(ctx, { comparer, operations, automation });
  const appSets = new AppSets(ctx, {
    git: deps.appSetGit ?? appSetGitOf(deps.source),
    clusters: deps.appSetClusters ?? (async () => [{ name: "local", server: "" }]),
    actions: {
      create: (spec, writer) => applications.create(spec, writer),
      update: (name, update, writer) => applications.update(name, update, writer),
      delete: (name, request, who, writer) => applications.delete(name, request, who, writer),
      sync: (name, initiator) => operations.requestSync(name, {}, initiator),
    },
  });
  const rollbackCommits = createRollbackCommitter(ctx, { credentials: deps.repoCredentials, refresh: (name) => comparer.compareAndStore(name, "refresh") });
  const pipelines = pipelinesOf(ctx, {
    credentials: deps.repoCredentials,
    refresh: (name) => comparer.compareAndStore(name, "refresh"),
    requestSync: (name, initiator) => operations.requestSync(name, {}, initiator),
    autoPromotionIntervalMs: deps.autoPromotionIntervalMs,
  });
  const rooms = deps.rooms({
    requestRefresh: (names) => {
      reconciler.request(names);
      appSets.request();
    },
  });
  const notifications = notificationsOf(ctx, deps.notifications);
  const takeOver = async (change: ShardChange) => {
    await takeOverShards(ctx, change, deps.membership, { refresh: (names) => reconciler.request(names), wake: () => operations.wake() });
    if (change.acquired.length > 0) notifications.notifier?.resume();
  };
  const who = (caller: Principal) => describePrincipal(caller);
  const insights = createInsightsReader({ db: ctx.db, now: () => new Date(ctx.clock.now()) });
  const idOf = async (name: string) => (await ctx.db.apps.getApp(name)).id;

  const facade: EngineFacade = {
    apps: {
      list: (query) => ctx.db.apps.listApps(query),
      get: (name) => ctx.db.apps.getApp(name),
      statusResources: async (name) => ctx.db.apps.getStatusResources<ResourceStatusRow>(await idOf(name)),
      sources: () => ctx.db.appSources.listAppSources(),
      create: (spec) => applications.create(spec),
      update: (name, update) => applications.update(name, update),
      delete: (name, request, caller) => applications.delete(name, request, who(caller)),
      comparison: async (name, maxAgeMs) => shownComparison(await comparer.latest(name, maxAgeMs)),
      tree: (name) => applications.tree(name),
      resourceDetail: (name, id) => applications.resourceDetail(name, id),
      events: (name) => applications.events(name),
      selfHealStatus: (name) => automation.selfHealStatus(name),
      syncWindow: async (name) => {
        const app = await ctx.db.apps.getApp(name);
        return windowVerdict(ctx, await loadRules(ctx, app), app, false);
      },
      refresh: (name, options) => comparer.compareAndStore(name, "refresh", options),
      refreshMany: async (names, options) => reconciler.refreshMany(names ?? (await ctx.db.appSources.listAppSources()).map((a) => a.name), options),
      requestRefresh: (names) => reconciler.request(names),
    },
    operations: {
      requestSync: (name, request, caller) => operations.requestSync(name, request, who(caller), caller.role === "admin"),
      requestRollback: (name, request, caller) => operations.requestRollback(name, request, who(caller), caller.role === "admin"),
      previewRollback: async (name, request) => previewRollbackOf(ctx, await ctx.db.apps.getApp(name), request),
      terminate: (name, id, caller) => operations.terminate(name, id, who(caller)),
      resumeAutoSync: async (name, caller) => {
        const app = await ctx.db.apps.getApp(name);
        if (!app.rolledBackTo && !app.autoSyncPaused) throw new ConflictError(`Application "${name}" is not rolled back and its automated sync is not paused.`);
        if (await ctx.db.operations.isOperationRunning(app.id)) throw new ConflictError(`An operation is already in progress for application "${name}".`);
        await ctx.db.apps.clearRollback(app.id, { resumeAutomation: true });
        ctx.events.publish({ type: "app-status", app: name, detail: { resumed: true } });
        const operation = await operations.requestSync(name, {}, who(caller)).catch((error: unknown) => {
          if (error instanceof ConflictError || error instanceof RefusedByPolicyError) return null;
          throw error;
        });
        return { app: await ctx.db.apps.getApp(name), operation };
      },
      previewRollbackCommit: async (name) => rollbackCommits.preview(await ctx.db.apps.getApp(name)),
      commitRollback: async (name, caller) => rollbackCommits.commit(await ctx.db.apps.getApp(name), caller),
      waitFor: (name, id, signal) => operations.waitFor(name, id, signal),
      list: async (name, limit) => ctx.db.operations.listOperations(await idOf(name), limit),
      get: async (name, id) => ctx.db.operations.getOperation(await idOf(name), id),
      current: async (name) => ctx.db.operations.getRunningOperation(await idOf(name)),
      idsWithManifests: async (name) => ctx.db.operations.operationIdsWithManifests(await idOf(name)),
      compareHistory: async (name, fromId, toId) => compareHistoryEntries(ctx, await ctx.db.apps.getApp(name), fromId, toId),
    },
    appSets: {
      list: (projects) => appSets.list(projects),
      get: (name) => appSets.get(name),
      apps: (name) => ctx.db.apps.listAppsOfSet(name),
      create: (spec) => appSets.create(spec),
      update: (name, spec) => appSets.update(name, spec),
      delete: (name) => appSets.delete(name),
      preview: (name, revision) => appSets.preview(name, revision),
      refresh: (name) => appSets.reconcile(name),
      rollout: (name) => appSets.rollout(name),
    },
    projects: {
      list: () => ctx.db.projects.listProjects(),
      get: (name) => ctx.db.projects.getProject(name),
      create: (spec) => writeProject(spec.name, () => ctx.db.projects.createProject(spec)),
      update: (name, update) => writeProject(name, () => ctx.db.projects.updateProject(name, update)),
      delete: (name) => writeProject(name, () => ctx.db.projects.deleteProject(name)),
    },
    pipelines: pipelines.facade,
    ...rooms,
    notifications: notifications.facade,
    gitWebhook: async (headers, body) => {
      const answer = await rooms.gitWebhook(headers, body);
      metrics.webhookDelivered(answer.provider ?? "unknown", webhookResultOf(answer));
      return answer;
    },
    eventStream: (options) => eventStream(ctx.events, options),
    clusterInfo: (cluster) => ctx.clusters.info(cluster),
    insights: (query) => insights.report(query),
    replicas: () => deps.membership?.status() ?? aloneStatus(ctx),
    scrapeMetrics: () => metrics.scrape(),
  };

  return {
    ...facade,
    async start(options = {}) {
      await ctx.db.operations.releaseInterruptedOperations().catch((error: unknown) => ctx.log.error(`releasing interrupted operations failed: ${messageOf(error)}`));
      await deps.membership?.start(takeOver);
      operations.start();
      notifications.notifier?.start();
      pipelines.auto.start();
      if (options.reconcile ?? true) {
        reconciler.start();
        appSets.start();
      }
    },
    async stop() {
      await appSets.stop();
      await reconciler.stop();
      await operations.stop();
      await notifications.notifier?.stop();
      await pipelines.auto.stop();
      await deps.membership?.stop();
      automation.stop();
      live.stop();
      ctx.clusters.stop();
    },
    drain: () => operations.drain(),
  };
}
