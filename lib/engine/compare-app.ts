import type { LiveCluster } from "./context";
import type { AppRecord } from "@/lib/db/apps";
import { compareResource, diffTextOf, summarizeSync, syncedResource, type IgnoreRule, type ResourceDiff } from "@/lib/diff";
import { attributeChanges, type FieldChange } from "@/lib/drift";
import { aggregateHealth, type HealthAssessment } from "@/lib/health";
import { describeKubeError } from "@/lib/kube/errors";
import { isGitError, type CommitInfo, type RevisionMemo, type SourceType } from "@/lib/source";
import { TRACKING_ANNOTATION, kindKeyOf, keyOf, subjectOf, trackingIdOf, type AppCondition, type HealthStatus, type KindRef, type KubeObject, type ResourceRefusal, type SyncStatus } from "@/lib/types";
import { ignoresExtraneous, syncOptionsOf } from "@/lib/sync/annotations";
import { isOutsideDesiredState } from "@/lib/sync/hooks";
import { mapLimit } from "./concurrency";
import type { EngineContext } from "./context";
import type { DryRunVerdict } from "./dry-run-cache";
import { ignoreRulesOf, ignoringFor } from "./ignore-differences";
import { liveHealth } from "./live-health";
import { predictKnownChange } from "./known-change";
import { kindsOf } from "./live-state";
import { ownershipRefusal } from "./ownership";

/** One resource's comparison, with what the live cache adds: health, attribution and drift age. */
export interface LiveResourceDiff extends ResourceDiff {
  /** The live object's health (Missing when it does not exist); absent when not assessed. */
  health?: HealthAssessment;
  /** For a modified resource: each changed field and the field manager that wrote it. */
  changes?: FieldChange[];
  /** When the resource was first seen out of sync (ISO), set by the facade from the previous status. */
  driftSince?: string;
  /** Why the engine will not write it (a project rule, or a live object the app does not own); such a resource carries no live body. */
  refusal?: ResourceRefusal;
}

/** Git (desired) against the cluster (live) for one app, at one moment. */
export interface AppComparison {
  syncStatus: SyncStatus;
  /** The worst health of the app's resources; Unknown when the comparison failed; absent when not assessed. */
  healthStatus?: HealthStatus;
  revision?: CommitInfo;
  resources: LiveResourceDiff[];
  conditions: AppCondition[];
  /** The rendered objects, as they would be applied. */
  desired: KubeObject[];
  /** The live objects, by subject (for sync results and the resource view). */
  live: Map<string, KubeObject>;
  comparedAt: Date;
  /** The app spec version (its `updatedAt`) the desired state was rendered for, when rendered from Git. */
  specVersion?: number;
  /** The source type the desired state was rendered as (Directory, Kustomize, Helm), when rendered from Git. */
  sourceType?: SourceType;
}

/** Options of {@link compareApp}. */
export interface CompareAppOptions {
  /** Kinds the app had objects of, so objects that left Git are still found for pruning. */
  previousKinds?: KindRef[];
  /** A desired state rendered earlier for the same spec, to compare without reading Git. */
  desiredState?: { objects: KubeObject[]; commit: CommitInfo; sourceType?: SourceType };
  /** How Git is read: a cycle's shared `ls-remote` answers, and whether to render again (hard refresh). */
  source?: { revisions?: RevisionMemo; hard?: boolean };
  /** The project's verdict on a desired object, checked before its live counterpart is even read. */
  check?: (obj: KubeObject) => ResourceRefusal | undefined;
  /** Why the app as a whole may not be compared (its project refuses its source or destination): nothing is read. */
  refused?: ResourceRefusal;
  /**
   * The app's desired objects at its previous comparison, by subject: where one applied as a
   * no-op and the new one changes only plain values, the dry run's answer is known without
   * asking (see `predictKnownChange`).
   */
  previousDesired?: ReadonlyMap<string, KubeObject>;
  /**
   * Dry-run objects that do not exist yet, to show early why the server would refuse them.
   * A sync turns this off: its own apply answers the same question. @default true
   */
  predictMissing?: boolean;
}

/** How many dry runs run at once against one API server. */
const API_CONCURRENCY = 8;

function condition(type: AppCondition["type"], message: string): AppCondition {
  return { type, message, observedAt: new Date().toISOString() };
}

/** Fixes each object's namespace from discovery: namespaced kinds get the destination, others none. */
async function placeObjects(client: LiveCluster["client"], objects: KubeObject[], app: AppRecord): Promise<string[]> {
  const problems: string[] = [];
  await mapLimit(kindsOf(objects), API_CONCURRENCY, async (k) => {
    const info = await client.describeKind(k.apiVersion, k.kind);
    for (const obj of objects.filter((o) => o.apiVersion === k.apiVersion && o.kind === k.kind)) {
      if (!info) {
        problems.push(`${subjectOf(keyOf(obj))}: the cluster does not serve ${k.kind} in ${k.apiVersion}.`);
        continue;
      }
      const namespace = info.namespaced ? (obj.metadata.namespace ?? app.destNamespace) : undefined;
      if (namespace === obj.metadata.namespace) continue;
      if (namespace) obj.metadata.namespace = namespace;
      else delete obj.metadata.namespace;
      obj.metadata.annotations = { ...obj.metadata.annotations, [TRACKING_ANNOTATION]: trackingIdOf(app.name, keyOf(obj)) };
    }
  });
  return problems;
}

/** The app's live objects of the given kinds, from the cache's index of tracked objects, by subject. */
function ownedObjects(cache: LiveCluster, appName: string, kinds: KindRef[]): Map<string, KubeObject> {
  const wanted = new Set(kinds.map(kindKeyOf));
  const owned = new Map<string, KubeObject>();
  for (const obj of cache.trackedBy(appName)) {
    if (wanted.has(kindKeyOf(obj))) owned.set(subjectOf(keyOf(obj)), obj);
  }
  return owned;
}

/** The dry-run prediction for one object, or why the server refused it. */
async function predict(client: LiveCluster["client"], obj: KubeObject): Promise<{ predicted?: KubeObject; dryRunError?: string }> {
  try {
    return { predicted: await client.applyObject(obj, { dryRun: true, validate: !syncOptionsOf(obj).skipValidation }) };
  } catch (error) {
    return { dryRunError: `${subjectOf(keyOf(obj))}: ${describeKubeError(error).message}` };
  }
}

function withLiveFacts(diff: ResourceDiff, cache: LiveCluster, live: KubeObject | undefined): LiveResourceDiff {
  const health = liveHealth(cache, live);
  if (diff.state !== "modified" || !live) return { ...diff, health };
  return { ...diff, health, changes: attributeChanges(live, diff.changedFields) };
}

/** A resource the engine will not write: out of sync, with the refusal and nothing of the live object. */
function refusedResource(obj: KubeObject, refusal: ResourceRefusal): LiveResourceDiff {
  const key = keyOf(obj);
  return { key, subject: subjectOf(key), status: "OutOfSync", state: "missing", changedFields: [], requiresPruning: false, refusal };
}

/** A synced resource's comparison without its objects: they add nothing to show and cost memory at scale. */
function lean(diff: ResourceDiff): ResourceDiff {
  return diff.state === "synced" ? { ...diff, live: undefined, target: undefined } : diff;
}

/** How one object is compared. */
interface CompareObjectOptions {
  /** Dry-run an object that does not exist yet. */
  predictMissing: boolean;
  /** The app's `ignoreDifferences` and the built-in defaults. */
  ignoring: readonly IgnoreRule[];
  /** The object as the app's previous comparison desired it. */
  before?: KubeObject;
}

/**
 * Compares one desired object with its live counterpart. The dry run's verdict is cached per
 * desired object and live object (status aside), so an unchanged resource costs no API call:
 * a synced one is known synced, a drifted one diffs against the remembered prediction, and one
 * whose previous version applied as a no-op and which changes only plain values (an image, an
 * environment value, data) is predicted from the live object (`predictKnownChange`). Fields
 * the app's `ignoreDifferences` (and the built-in defaults) name are left out of both sides, and
 * the verdict's key depends on those rules.
 */
async function compareObject(ctx: Pick<EngineContext, "dryRuns">, cache: LiveCluster, cluster: string, obj: KubeObject, live: KubeObject | undefined, options: CompareObjectOptions): Promise<LiveResourceDiff> {
  const ignore = ignoringFor(options.ignoring, obj, live);
  const key = ignore.cacheKey(ctx.dryRuns.keyOf(cluster, obj, live));
  const cached: DryRunVerdict | undefined = ctx.dryRuns.lookup(key);
  if (cached === "synced") return withLiveFacts(syncedResource(keyOf(obj)), cache, live);
  const known = !cached && live && options.before && ctx.dryRuns.lookup(ignore.cacheKey(ctx.dryRuns.keyOf(cluster, options.before, live))) === "synced" ? predictKnownChange(options.before, obj, live) : undefined;
  const prediction = cached ? { predicted: cached } : known ? { predicted: known } : live || options.predictMissing ? await predict(cache.client, obj) : {};
  const diff = compareResource({ key: keyOf(obj), desired: obj, live, ...prediction, normalizer: ignore.normalizer });
  if (!cached && prediction.predicted) ctx.dryRuns.remember(key, diff.state === "synced" ? "synced" : prediction.predicted);
  return withLiveFacts(lean(diff), cache, live);
}

/**
 * Renders the app from Git with its `source` block and, for a chart's `.Capabilities`, the
 * destination's version and API versions (remembered by its client; omitted when unknown).
 */
async function loadDesired(ctx: Pick<EngineContext, "source" | "clusters">, app: AppRecord, source: CompareAppOptions["source"] = {}): Promise<{ objects: KubeObject[]; commit: CommitInfo; sourceType?: SourceType }> {
  const state = await ctx.source.loadDesiredState({
    repoUrl: app.repoUrl,
    revision: app.targetRevision,
    path: app.path,
    appName: app.name,
    destNamespace: app.destNamespace,
    source: app.source ?? undefined,
    capabilities: await destinationCapabilities(ctx, app.destCluster),
    revisions: source.revisions,
    hard: source.hard,
  });
  return { objects: state.objects, commit: state.commit, sourceType: state.sourceType };
}

/** The destination's version and API versions, or nothing when the cluster cannot be reached or configured. */
async function destinationCapabilities(ctx: Pick<EngineContext, "clusters">, cluster: string): Promise<{ kubeVersion?: string; apiVersions?: string[] } | undefined> {
  try {
    return await ctx.clusters.cache(cluster).client.capabilities?.();
  } catch {
    return undefined;
  }
}

/**
 * Renders the app from Git at its target revision (or reuses a render of the same spec) and
 * compares every object with what the API server would make of it (a server-side-apply dry
 * run, its verdict cached per desired object and live object, status aside) and with the live object from
 * the cluster's watch cache. Adds each resource's health and, for drifted ones, the field
 * managers that changed them. A desired object the project refuses (`check`), or whose live
 * counterpart the app does not own, is not read or dry-run: it comes back refused, with no live
 * body. Never throws for a render or cluster failure: those become a
 * `ComparisonError` condition (`RepoUnreachable` when git could not reach the repository).
 */
export async function compareApp(ctx: Pick<EngineContext, "clusters" | "source" | "dryRuns" | "clock">, app: AppRecord, options: CompareAppOptions = {}): Promise<AppComparison> {
  const comparedAt = new Date(ctx.clock.now());
  const specVersion = app.updatedAt.getTime();
  const failed = (message: string, partial: Partial<AppComparison> = {}): AppComparison => ({
    syncStatus: "Unknown",
    healthStatus: "Unknown",
    resources: [],
    conditions: [condition("ComparisonError", message)],
    desired: [],
    live: new Map(),
    comparedAt,
    specVersion,
    ...partial,
  });
  if (options.refused) return failed(options.refused.message);
  let desired: KubeObject[];
  let revision: CommitInfo;
  let sourceType: SourceType | undefined;
  let problems: string[] = [];
  try {
    ({ objects: desired, commit: revision, sourceType } = options.desiredState ?? (await loadDesired(ctx, app, options.source)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failed(message, isGitError(error) ? { conditions: [condition("RepoUnreachable", message)] } : {});
  }

  try {
    const cache = ctx.clusters.cache(app.destCluster);
    if (!options.desiredState) problems = await placeObjects(cache.client, desired, app);
    const kinds = kindsOf([...desired, ...(options.previousKinds ?? [])]);
    await cache.ensureKinds(kinds);
    await cache.ensureEvents([app.destNamespace, ...desired.map((o) => o.metadata.namespace ?? "")]);
    const owned = ownedObjects(cache, app.name, kinds);
    const live = new Map(owned);
    const comparable = desired.filter((obj) => !isOutsideDesiredState(obj));
    const ignoring = ignoreRulesOf(app, [...comparable, ...owned.values()]);
    const resources = await mapLimit(comparable, API_CONCURRENCY, async (obj) => {
      const refused = options.check?.(obj);
      if (refused) return refusedResource(obj, refused);
      const subject = subjectOf(keyOf(obj));
      const current = live.get(subject) ?? cache.get(obj);
      const notOwned = current && !owned.has(subject) ? ownershipRefusal(app.name, obj, current) : undefined;
      if (notOwned) return refusedResource(obj, notOwned);
      if (current) live.set(subject, current);
      return compareObject(ctx, cache, app.destCluster, obj, current, { predictMissing: options.predictMissing ?? true, ignoring, before: options.previousDesired?.get(subject) });
    });
    const desiredSubjects = new Set(comparable.map((o) => subjectOf(keyOf(o))));
    const extraneousIgnored = new Set<string>();
    for (const [subject, obj] of owned) {
      if (desiredSubjects.has(subject) || isOutsideDesiredState(obj)) continue;
      if (ignoresExtraneous(obj)) extraneousIgnored.add(subject);
      resources.push(withLiveFacts(lean(compareResource({ key: keyOf(obj), desired: undefined, live: obj })), cache, obj));
    }
    const conditions = problems.map((p) => condition("ComparisonError", p));
    const healthStatus = aggregateHealth(resources.map((r) => r.health?.status ?? "Unknown"));
    const syncStatus = summarizeSync(resources.filter((r) => !extraneousIgnored.has(r.subject)));
    return { syncStatus, healthStatus, revision, resources, conditions, desired, live, comparedAt, specVersion, sourceType };
  } catch (error) {
    return failed(`Cannot compare with cluster "${app.destCluster}": ${describeKubeError(error).message}`, { revision, desired });
  }
}

/** A resource's comparison as pages and API answers show it: with its unified diff. */
export type ShownResourceDiff = LiveResourceDiff & { diff: string };

/** A comparison as pages and API answers show it: every resource with its unified diff. */
export type ShownComparison = Omit<AppComparison, "resources"> & { resources: ShownResourceDiff[] };

/** A comparison with each resource's diff printed, for showing it. */
export function shownComparison(comparison: AppComparison): ShownComparison {
  return { ...comparison, resources: comparison.resources.map((resource) => ({ ...resource, diff: diffTextOf(resource) })) };
}
