/**
 * Comparing an app and storing the result as its status, one comparison of an app at a time.
 * Who asked decides what is read and what follows: a Git refresh reads Git; a cluster change
 * reuses the last render; an operation's comparison dry-runs no missing object; a page's read
 * never leads to automation.
 */
import type { AppRecord } from "@/lib/db/apps";
import type { ProjectDefinition } from "@/lib/db/projects";
import { RecentReads } from "@/lib/db/recent-reads";
import { driftSince } from "@/lib/drift";
import { isErrorOfKind } from "@/lib/errors";
import { reconcileResultOf, secondsSince, type ReconcileResult } from "@/lib/metrics";
import type { RevisionMemo } from "@/lib/source";
import { keyOf, subjectOf, type KubeObject } from "@/lib/types";
import { compareApp, type AppComparison } from "./compare-app";
import type { EngineContext } from "./context";
import { sharedResourceMessage } from "./shared-resources";
import { kindsOfRows, statusRows, type ResourceStatusRow } from "./status-rows";
import { rulesOf } from "./project-rules";
import { isRepoUnreachable, recordUnreachable, unreachableConditionsOf } from "./unreachable";

/**
 * Why a comparison runs: `refresh` reads Git; `cluster` reuses the last render (Git is not
 * read); `operation` dry-runs no object that does not exist yet (the apply answers that);
 * `read` is a page or API read of a stale comparison. Only `refresh` and `cluster` lead to
 * automated sync or self-heal.
 */
export type CompareTrigger = "refresh" | "cluster" | "operation" | "read";

/** How a refresh reads Git. */
export interface RefreshOptions {
  /** Render again even when the commit did not move (a hard refresh). @default false */
  hard?: boolean;
  /** `ls-remote` answers shared by one refresh cycle. */
  revisions?: RevisionMemo;
}

/** What the comparer tells the rest of the engine after storing a comparison; `newlyShared` names apps that now declare one of its objects too. */
export type ComparedListener = (app: AppRecord, comparison: AppComparison, trigger: CompareTrigger, newlyShared: readonly string[]) => void;

type Render = { objects: AppComparison["desired"]; commit: NonNullable<AppComparison["revision"]>; sourceType?: AppComparison["sourceType"] };

/** The render a comparison used, to compare again without reading Git, while the spec is unchanged. */
export function renderOf(comparison: AppComparison, app: AppRecord): Render | undefined {
  if (!comparison.revision || comparison.desired.length === 0 || comparison.specVersion !== app.updatedAt.getTime()) return undefined;
  return { objects: comparison.desired, commit: comparison.revision, sourceType: comparison.sourceType };
}

/** The desired objects of a comparison by subject, for the next comparison of the same app. */
function desiredBySubject(comparison: AppComparison | undefined): Map<string, KubeObject> | undefined {
  return comparison && new Map(comparison.desired.map((obj) => [subjectOf(keyOf(obj)), obj]));
}

/** True when what the pages show of an app changed (conditions compared without their timestamps). */
function hasStatusChanged(app: AppRecord, previousRows: ResourceStatusRow[], comparison: AppComparison, rows: ResourceStatusRow[]): boolean {
  const messages = (conditions: AppComparison["conditions"]) => JSON.stringify(conditions.map((c) => [c.type, c.message]));
  return (
    app.status.syncStatus !== comparison.syncStatus ||
    app.status.healthStatus !== (comparison.healthStatus ?? app.status.healthStatus) ||
    app.status.revision !== (comparison.revision?.sha ?? app.status.revision) ||
    messages(app.status.conditions) !== messages(comparison.conditions) ||
    JSON.stringify(previousRows) !== JSON.stringify(rows)
  );
}

/**
 * How long one read of a project serves the comparisons of its apps. Comparisons write nothing
 * to a cluster; syncs, rollbacks and automation read the project afresh when they write.
 */
export const COMPARED_PROJECT_FRESH_MS = 2_000;

/** Compares apps and stores their status, for one engine. */
export class Comparer {
  /** Projects as comparisons read them: one read serves every app of the project for a moment (a push that moves a thousand apps). */
  private readonly projects: RecentReads<string, ProjectDefinition>;

  constructor(
    private readonly ctx: EngineContext,
    private readonly onCompared: ComparedListener,
  ) {
    this.projects = new RecentReads((name) => ctx.db.projects.getProjectDefinition(name), ctx.clock, COMPARED_PROJECT_FRESH_MS);
  }

  /** A project was created, changed or deleted in this process: the next comparison reads it again. */
  projectWritten(name: string): void {
    this.projects.forget(name);
  }

  /**
   * Compares an app and stores the result, after any comparison of it already running: the app
   * is read afresh once its turn comes, so each comparison starts from what the previous one
   * stored. `synced` is the comparison an operation just applied: its render is compared again
   * without reading Git.
   */
  compareAndStore(name: string, trigger: CompareTrigger, source: RefreshOptions = {}, synced?: AppComparison): Promise<AppComparison> {
    return this.ctx.memory.comparing.run(name, () =>
      this.measured(trigger, async () => {
        const { app, resources } = await this.ctx.db.apps.getAppWithResources<ResourceStatusRow>(name);
        return this.compareNow(app, resources, trigger, source, synced);
      }),
    );
  }

  /** Runs one comparison, counted and timed in the engine's metrics; a thrown one counts as an error (an app deleted meanwhile, not at all). */
  private async measured(trigger: CompareTrigger, compare: () => Promise<AppComparison>): Promise<AppComparison> {
    const start = performance.now();
    const record = (result: ReconcileResult) => this.ctx.metrics.reconciled({ trigger, result, seconds: secondsSince(start, performance.now()) });
    try {
      const comparison = await compare();
      record(reconcileResultOf(comparison));
      return comparison;
    } catch (error) {
      if (!isErrorOfKind(error, "not-found")) record("error");
      throw error;
    }
  }

  /** The latest comparison of an app, compared afresh (never leading to automation) when older than `maxAgeMs`. */
  async latest(name: string, maxAgeMs = 10_000): Promise<AppComparison> {
    const cached = this.ctx.memory.lastComparison.get(name);
    if (cached && this.ctx.clock.now() - cached.comparedAt.getTime() < maxAgeMs) return cached;
    return this.compareAndStore(name, "read");
  }

  /** The last render of an app, when its spec has not changed since and that comparison did not fail. */
  private lastRender(app: AppRecord): Render | undefined {
    const last = this.ctx.memory.lastComparison.get(app.name);
    if (!last || last.conditions.some((c) => c.type === "ComparisonError")) return undefined;
    return renderOf(last, app);
  }

  /** Compares `app` (whose stored resource rows are `previous`) and stores the result. */
  private async compareNow(app: AppRecord, previous: ResourceStatusRow[], trigger: CompareTrigger, source: RefreshOptions, synced?: AppComparison): Promise<AppComparison> {
    const { db, memory, events } = this.ctx;
    const rules = rulesOf(await this.projects.get(app.project), app);
    const desiredState = trigger === "cluster" ? this.lastRender(app) : synced ? renderOf(synced, app) : undefined;
    const comparison = await compareApp(this.ctx, app, {
      check: rules.check,
      refused: rules.appRefusal,
      previousKinds: kindsOfRows(previous),
      desiredState,
      previousDesired: desiredBySubject(memory.lastComparison.get(app.name)),
      source,
      predictMissing: trigger !== "operation",
    });
    if (isRepoUnreachable(comparison)) return recordUnreachable(this.ctx, app, previous, comparison, memory.lastComparison.get(app.name));
    if (desiredState) comparison.conditions.push(...unreachableConditionsOf(app.status.conditions));
    const shared = memory.declared.record(app.name, app.destCluster, comparison.desired.map((obj) => subjectOf(keyOf(obj))));
    for (const [subject, others] of shared) comparison.conditions.push({ type: "SharedResourceWarning", message: sharedResourceMessage(subject, others), observedAt: comparison.comparedAt.toISOString() });
    const since = driftSince(comparison.resources, previous, comparison.comparedAt);
    for (const resource of comparison.resources) if (since.has(resource.subject)) resource.driftSince = since.get(resource.subject);
    const rows = statusRows(comparison);
    await db.apps.saveStatus(app.id, {
      syncStatus: comparison.syncStatus,
      healthStatus: comparison.healthStatus ?? app.status.healthStatus,
      revision: comparison.revision?.sha ?? app.status.revision,
      revisionSubject: comparison.revision?.subject ?? app.status.revisionSubject,
      revisionAuthor: comparison.revision?.author ?? app.status.revisionAuthor,
      revisionDate: comparison.revision ? new Date(comparison.revision.date) : app.status.revisionDate,
      conditions: comparison.conditions,
      resources: rows,
      ...(comparison.sourceType ? { sourceType: comparison.sourceType } : {}),
    });
    memory.strings.share(comparison.desired);
    memory.lastComparison.set(app.name, comparison);
    if (trigger !== "cluster" || hasStatusChanged(app, previous, comparison, rows)) {
      events.publish({ type: "app-status", app: app.name, detail: { syncStatus: comparison.syncStatus, healthStatus: comparison.healthStatus, project: app.project } });
    }
    this.onCompared(app, comparison, trigger, memory.declared.newlySharedWith(app.name));
    return comparison;
  }
}
