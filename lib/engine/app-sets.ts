/**
 * App sets in the engine: each set is generated again when its repository moves (polled on
 * the engine's refresh interval, or at once when a webhook asks), and the plan of changes is
 * applied through the engine's own app create, update and delete — project checks included —
 * as far as the set's policy allows. A set with a progressive strategy then syncs its apps
 * step by step (lib/appsets/progressive.ts), as `appset:<name>`.
 */
import { generate, GeneratorError, type ClusterTarget, type GeneratorInput } from "@/lib/appsets/generators";
import type { AppSetGit } from "@/lib/appsets/git-tree";
import { planChanges, type PlannedChange } from "@/lib/appsets/plan";
import { rolloutOf, type RolloutState } from "@/lib/appsets/progressive";
import { renderApps, TemplateError, type GeneratedApp } from "@/lib/appsets/render";
import { allowsDelete, type AppSetSpec, type Generator } from "@/lib/appsets/schema";
import type { AppSetStatus } from "@/lib/appsets/status";
import type { AppSpec, AppUpdate } from "@/lib/apps/spec";
import type { AppSetRecord, AppSetsStore } from "@/lib/db/app-sets";
import { ConflictError, InvalidError, isDomainError, isErrorOfKind, NotFoundError, UnreachableError, ValidationError } from "@/lib/errors";
import { isGitError, isRevisionNotFoundError } from "@/lib/source";
import { messageOf, type EngineContext } from "./context";
import type { DeleteRequest } from "./facade";

/** The initiator the engine records for what a set does. */
export const appSetInitiator = (name: string) => `appset:${name}`;

/** What a set's generation would change, for a revision: the preview. */
export interface AppSetPreview {
  /** The revision asked for (the set's own by default) and the commit it names (null when the generator reads no Git). */
  revision: string;
  commit: string | null;
  changes: PlannedChange[];
}

/** The engine's app verbs a set acts through, each told which set acts (generated apps refuse anyone else). */
export interface AppSetActions {
  create(spec: AppSpec, options: { appSet: string }): Promise<unknown>;
  update(name: string, update: AppUpdate, options: { appSet: string }): Promise<unknown>;
  delete(name: string, request: DeleteRequest, who: string, options: { appSet: string }): Promise<unknown>;
  /** Queues a sync of an app. */
  sync(name: string, initiator: string): Promise<unknown>;
}

/** What the app sets of one engine are built from. */
export interface AppSetsParts {
  git: AppSetGit;
  /** The clusters a clusters generator gives values for. */
  clusters(): Promise<ClusterTarget[]>;
  actions: AppSetActions;
}

/**
 * A generation's failure as a domain error, for the API: an unknown revision is not found, a
 * repository that cannot be read unreachable, a generator or template that cannot give valid
 * apps invalid. Each keeps its one-sentence message (Git's already without credentials).
 */
export function generationError(error: unknown): unknown {
  if (isDomainError(error)) return error;
  if (isRevisionNotFoundError(error)) return new NotFoundError(`The ${error.message}.`, { cause: error });
  if (isGitError(error)) return new UnreachableError(error.message, { cause: error });
  if (error instanceof GeneratorError || error instanceof TemplateError) return new InvalidError(error.message, { cause: error });
  return error;
}

/** True when the generator (or one of a matrix's) reads the repository. */
function readsGit(generator: Generator): boolean {
  return "matrix" in generator ? generator.matrix.generators.some((g) => "git" in g) : "git" in generator;
}

/** How often the runner looks at sets (progressive rollouts move on at this pace), at most. */
const TICK_MS = 3_000;

/** The app sets of one engine: their life, previews, rollouts and the loop that keeps them generated. */
export class AppSets {
  private readonly checkedAt = new Map<string, number>();
  private readonly requested = new Set<string>();
  private readonly running = new Map<string, Promise<AppSetRecord>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly ctx: Pick<EngineContext, "db" | "clock" | "log" | "settings" | "owns"> & { db: { appSets: AppSetsStore } },
    private readonly parts: AppSetsParts,
  ) {}

  private get store(): AppSetsStore {
    return this.ctx.db.appSets;
  }

  /**
   * Refuses a set whose project does not exist, or whose generator or template cannot give
   * valid apps now (an unknown placeholder, an invalid name). A repository that cannot be
   * read does not stop it: the set is stored and its status says why.
   */
  private async check(spec: AppSetSpec): Promise<void> {
    await this.ctx.db.projects.getProjectDefinition(spec.project).catch((error: unknown) => {
      if (isErrorOfKind(error, "not-found")) throw new ValidationError([{ field: "project", message: `Project "${spec.project}" does not exist.` }], { cause: error });
      throw error;
    });
    await this.planAt(spec.name, spec, spec.revision).catch((error: unknown) => {
      if (error instanceof TemplateError) throw new ValidationError([{ field: "template", message: error.message }], { cause: error });
      if (error instanceof GeneratorError) throw new ValidationError([{ field: "generator", message: error.message }], { cause: error });
    });
  }

  list(projects?: readonly string[]): Promise<AppSetRecord[]> {
    return this.store.listAppSets(projects ? { projects } : {});
  }

  get(name: string): Promise<AppSetRecord> {
    return this.store.getAppSet(name);
  }

  /** Stores a set and generates it at once; a generation that fails is kept in its status. */
  async create(spec: AppSetSpec): Promise<AppSetRecord> {
    await this.check(spec);
    await this.store.createAppSet(spec);
    return this.reconcile(spec.name);
  }

  /** Replaces a set's spec and generates it again. */
  async update(name: string, spec: AppSetSpec): Promise<AppSetRecord> {
    await this.store.getAppSet(name);
    await this.check({ ...spec, name });
    await this.store.updateAppSet(name, { ...spec, name });
    return this.reconcile(name);
  }

  /**
   * Deletes a set. When its policy allows deletion, its apps go with it (their cluster objects
   * too, unless `preserveResourcesOnDeletion`); otherwise they stay, as hand-made apps.
   */
  async delete(name: string): Promise<{ deletedApps: string[]; keptApps: string[] }> {
    const set = await this.store.getAppSet(name);
    await this.running.get(name)?.catch(() => undefined);
    const apps = await this.ctx.db.apps.listAppsOfSet(name);
    const deletedApps: string[] = [];
    if (allowsDelete(set.spec.policy)) {
      for (const app of apps) {
        await this.parts.actions.delete(app.name, { cascade: !set.spec.preserveResourcesOnDeletion, terminateRunning: true }, appSetInitiator(name), { appSet: name });
        deletedApps.push(app.name);
      }
    }
    await this.ctx.db.apps.releaseAppsOfSet(name);
    await this.store.deleteAppSet(name);
    this.checkedAt.delete(name);
    return { deletedApps, keptApps: apps.map((a) => a.name).filter((n) => !deletedApps.includes(n)) };
  }

  /** The apps a set generates at a revision (Git read only when a generator reads it), with the plan against the apps there are. */
  private async planAt(name: string, spec: AppSetSpec, revision: string): Promise<{ commit: string | null; generated: GeneratedApp[]; changes: PlannedChange[] }> {
    let commit: string | null = null;
    let input: GeneratorInput = { files: [], readFile: (path) => Promise.reject(new Error(`No Git tree to read ${path} from.`)), clusters: () => this.parts.clusters() };
    if (readsGit(spec.generator)) {
      commit = await this.parts.git.resolve(spec.repoUrl, revision);
      const tree = await this.parts.git.tree(spec.repoUrl, commit);
      input = { ...input, files: tree.files, readFile: (path) => tree.readFile(path) };
    }
    const generated = renderApps({ ...spec, name }, await generate(spec.generator, input));
    const existing = await this.ctx.db.apps.listAppsOfSet(name, generated.map((app) => app.spec.name));
    return { commit, generated, changes: planChanges(name, spec.policy, generated, existing) };
  }

  /** What generating the set at `revision` (its own by default) would change; nothing is written. */
  async preview(name: string, revision?: string): Promise<AppSetPreview> {
    const set = await this.store.getAppSet(name);
    const wanted = revision ?? set.spec.revision;
    try {
      const { commit, changes } = await this.planAt(set.name, set.spec, wanted);
      return { revision: wanted, commit, changes };
    } catch (error) {
      throw generationError(error);
    }
  }

  /** Generates the set now and applies its plan; resolves with the set and its new status. One generation of a set at a time. */
  reconcile(name: string): Promise<AppSetRecord> {
    const previous = this.running.get(name) ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.generateAndApply(name));
    this.running.set(name, next);
    void next.finally(() => {
      if (this.running.get(name) === next) this.running.delete(name);
    }).catch(() => undefined);
    return next;
  }

  private async generateAndApply(name: string): Promise<AppSetRecord> {
    const set = await this.store.getAppSet(name);
    this.checkedAt.set(name, this.ctx.clock.now());
    const status: AppSetStatus = { ...set.status, reconciledAt: new Date(this.ctx.clock.now()).toISOString(), error: null, conflicts: [], kept: [] };
    try {
      const { commit, generated, changes } = await this.planAt(set.name, set.spec, set.spec.revision);
      status.commit = commit;
      const errors: string[] = [];
      const act = async (change: PlannedChange) => {
        const as = { appSet: name };
        if (change.action === "create") await this.parts.actions.create(change.spec, as);
        else if (change.action === "update" && change.allowed) await this.parts.actions.update(change.name, change.update, as);
        else if (change.action === "delete" && change.allowed) await this.parts.actions.delete(change.name, { cascade: !set.spec.preserveResourcesOnDeletion, terminateRunning: true }, appSetInitiator(name), as);
        else if (change.action === "delete") status.kept.push(change.name);
        else if (change.action === "conflict") status.conflicts.push(change.message);
      };
      for (const change of changes) {
        await act(change).catch((error: unknown) => errors.push(`${change.name}: ${messageOf(error)}`));
      }
      const owned = new Set((await this.ctx.db.apps.listAppsOfSet(name)).map((app) => app.name));
      status.apps = generated.filter((g) => owned.has(g.spec.name)).map((g) => ({ name: g.spec.name, labels: g.labels }));
      if (errors.length > 0) status.error = `Some apps could not be changed: ${errors.join("; ")}`;
    } catch (error) {
      status.error = messageOf(error);
    }
    await this.store.saveAppSetStatus(name, status);
    const stored = await this.store.getAppSet(name);
    if (stored.spec.strategy) await this.progress(stored);
    return stored;
  }

  /** Where a set's progressive rollout stands; null for a set without a strategy. */
  async rollout(name: string): Promise<RolloutState | null> {
    const set = await this.store.getAppSet(name);
    return set.spec.strategy ? this.rolloutOfSet(set) : null;
  }

  private async rolloutOfSet(set: AppSetRecord): Promise<RolloutState> {
    const labels = new Map(set.status.apps.map((a) => [a.name, a.labels]));
    const apps = await Promise.all(
      (await this.ctx.db.apps.listAppsOfSet(set.name)).map(async (app) => ({
        name: app.name,
        labels: labels.get(app.name) ?? {},
        syncStatus: app.status.syncStatus,
        healthStatus: app.status.healthStatus,
        busy: await this.ctx.db.operations.isOperationRunning(app.id),
      })),
    );
    return rolloutOf(set.spec.strategy!, apps);
  }

  /** Syncs the OutOfSync apps of the rollout's current step (a conflict means one is already queued). */
  private async progress(set: AppSetRecord): Promise<void> {
    const state = await this.rolloutOfSet(set);
    for (const app of state.toSync) {
      await this.parts.actions.sync(app, appSetInitiator(set.name)).catch((error: unknown) => {
        if (!(error instanceof ConflictError) && !isErrorOfKind(error, "conflict")) this.ctx.log.error(`app set ${set.name} could not sync ${app}: ${messageOf(error)}`);
      });
    }
  }

  /** Generates these sets (every set when none is named) at the next tick. */
  request(names?: readonly string[]): void {
    if (names) names.forEach((n) => this.requested.add(n));
    else this.checkedAt.clear();
  }

  /** One look at every set this replica runs: generate those due (or asked for), move the rollouts of the rest on. */
  private async tick(): Promise<void> {
    const now = this.ctx.clock.now();
    for (const set of await this.store.listAppSets()) {
      if (this.stopped) return;
      if (!this.ctx.owns(appSetInitiator(set.name))) continue;
      const due = this.requested.delete(set.name) || now - (this.checkedAt.get(set.name) ?? 0) >= this.ctx.settings.refreshIntervalMs;
      try {
        if (due) await this.reconcile(set.name);
        else if (set.spec.strategy) await this.progress(set);
      } catch (error) {
        if (!isErrorOfKind(error, "not-found")) this.ctx.log.error(`app set ${set.name} failed: ${messageOf(error)}`);
      }
    }
  }

  /** Starts the loop. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const delay = Math.min(TICK_MS, this.ctx.settings.refreshIntervalMs);
    const loop = () => {
      this.ticking = this.tick()
        .catch((error: unknown) => this.ctx.log.error(`app sets failed: ${messageOf(error)}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, delay);
        });
    };
    this.timer = setTimeout(loop, delay);
  }

  /** Stops the loop and waits for the generation under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.running.values()]);
  }
}
