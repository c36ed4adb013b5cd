/**
 * Applications' life and read models for one engine: create and update (each compared at once
 * so its page has a status), delete (refused while an operation is queued or running, unless
 * asked to terminate it first), and the views of the live state — tree, resource detail, Events.
 * Reads compare a stale app afresh but never lead to an operation.
 */
import { syncOptionsOf } from "@/lib/sync/annotations";
import type { AppSpec, AppUpdate } from "@/lib/apps/spec";
import type { LiveCluster } from "./context";
import type { AppRecord } from "@/lib/db/apps";
import { ConflictError, isErrorOfKind, UnreachableError, ValidationError } from "@/lib/errors";
import type { Automation } from "./automation";
import type { Comparer } from "./comparisons";
import { messageOf, type EngineContext } from "./context";
import type { DeleteRequest } from "./facade";
import { kindsOf, listOwnedObjects } from "./live-state";
import type { Operations } from "./operations";
import { loadRules, rulesOf } from "./project-rules";
import { buildResourceTree, describeNode, eventsOfNodes, flattenTree, type KubeEventView, type ResourceDetail, type TreeNode } from "./resource-tree";
import { kindsOfRows, type ResourceStatusRow } from "./status-rows";

/** The parts of the engine an app's life touches. */
export interface ApplicationParts {
  comparer: Comparer;
  operations: Operations;
  automation: Automation;
}

/** Applications of one engine. */
export class Applications {
  constructor(
    private readonly ctx: EngineContext,
    private readonly parts: ApplicationParts,
  ) {}

  /**
   * Refuses an app its project does not allow: an unknown project, a repository that is not
   * one of its sources, a destination that is not one of its destinations — field by field.
   */
  private async validateAgainstProject(app: Pick<AppRecord, "name" | "project" | "repoUrl" | "destCluster" | "destNamespace">): Promise<void> {
    const project = await this.ctx.db.projects.getProject(app.project).catch((error: unknown) => {
      if (isErrorOfKind(error, "not-found")) throw new ValidationError([{ field: "project", message: `Project "${app.project}" does not exist.` }], { cause: error });
      throw error;
    });
    const refusal = rulesOf(project, app).appRefusal;
    if (refusal) throw new ValidationError([{ field: refusal.rule === "source" ? "repoUrl" : "destNamespace", message: refusal.message }]);
  }

  /** Stores a new app and compares it at once, so its page has a status to show. */
  async create(spec: AppSpec): Promise<AppRecord> {
    await this.validateAgainstProject(spec);
    const app = await this.ctx.db.apps.createApp(spec);
    await this.parts.comparer.compareAndStore(app.name, "refresh");
    return this.ctx.db.apps.getApp(app.name);
  }

  /** Changes an app's spec and compares it again. */
  async update(name: string, update: AppUpdate): Promise<AppRecord> {
    await this.validateAgainstProject({ ...(await this.ctx.db.apps.getApp(name)), ...update });
    await this.ctx.db.apps.updateApp(name, update);
    await this.parts.comparer.compareAndStore(name, "refresh");
    return this.ctx.db.apps.getApp(name);
  }

  /**
   * Deletes an app. A queued or running operation is a conflict — its history must not vanish
   * under it — unless `terminateRunning`, which terminates it and waits for its end first. With
   * `cascade`, every live object the app owns and its project still permits is deleted from the
   * cluster first (as Argo CD's cascading delete), except those marked `Delete=false`; without,
   * they stay, unmanaged.
   */
  async delete(name: string, request: DeleteRequest, who: string): Promise<{ deletedResources: number }> {
    const { db } = this.ctx;
    const app = await db.apps.getApp(name);
    const current = await db.operations.getRunningOperation(app.id);
    if (current) {
      if (!request.terminateRunning) {
        throw new ConflictError(`Application "${name}" has an operation ${current.phase.toLowerCase()} (${current.id}); terminate it first, or delete with terminateRunning.`);
      }
      if (current.phase !== "Terminating") await this.parts.operations.terminate(name, current.id, who);
      await this.parts.operations.waitFor(name, current.id);
    }
    let deletedResources = 0;
    if (request.cascade) {
      const rows = await db.apps.getStatusResources<ResourceStatusRow>(app.id);
      const client = this.ctx.clusters.client(app.destCluster);
      const owned = await listOwnedObjects(client, app.name, kindsOf(kindsOfRows(rows)));
      const rules = await loadRules(this.ctx, app);
      for (const obj of owned.values()) {
        if (rules.check(obj) || syncOptionsOf(obj).noDelete) continue;
        await client.deleteObject(obj);
        deletedResources += 1;
      }
    }
    await db.queue.deleteAppUnlessBusy(app.id, name);
    this.ctx.memory.lastComparison.delete(name);
    this.ctx.memory.declared.forget(name);
    this.parts.automation.forget(name);
    this.ctx.events.publish({ type: "app-deleted", app: name });
    return { deletedResources };
  }

  /** The watch cache of the app's destination; a destination that cannot be configured is unreachable. */
  private liveCacheOf(app: AppRecord): LiveCluster {
    try {
      return this.ctx.clusters.cache(app.destCluster);
    } catch (error) {
      throw new UnreachableError(`Cannot reach cluster "${app.destCluster}": ${messageOf(error)}`, { cause: error });
    }
  }

  /** An app's resource tree from the watch cache, with its latest comparison. */
  async tree(name: string): Promise<TreeNode[]> {
    const app = await this.ctx.db.apps.getApp(name);
    return buildResourceTree(this.liveCacheOf(app), await this.parts.comparer.latest(name));
  }

  /** One node of an app's tree (by uid or subject): live YAML (Secrets masked), diff against Git, Events. */
  async resourceDetail(name: string, id: string): Promise<ResourceDetail | undefined> {
    const app = await this.ctx.db.apps.getApp(name);
    const cache = this.liveCacheOf(app);
    const comparison = await this.parts.comparer.latest(name);
    return describeNode(cache, comparison, buildResourceTree(cache, comparison), id);
  }

  /** The latest Kubernetes Events about an app's objects and everything below them, newest first. */
  async events(name: string): Promise<KubeEventView[]> {
    const app = await this.ctx.db.apps.getApp(name);
    const cache = this.liveCacheOf(app);
    return eventsOfNodes(cache, flattenTree(buildResourceTree(cache, await this.parts.comparer.latest(name))));
  }
}
