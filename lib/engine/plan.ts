/**
 * Planning a sync: which objects to apply and which to prune, in which phases, waves and steps.
 * Pure — a plan is a value computed from a comparison and the request, before anything is
 * written, in the manner of gitops-engine's sync tasks and flux ssa's change sets.
 *
 * A sync runs its phases in order — PreSync hooks, then the Sync phase (the app's resources and
 * any Sync hooks), then PostSync hooks — each phase wave by wave, each wave in steps by tier
 * and kind (see `syncSteps`). Pruning ends the Sync phase. SyncFail hooks run only when the
 * sync fails. Hooks run only in a full, real sync: a dry run or a selective sync notes them
 * skipped, as Argo CD does.
 */
import { syncOptionsOf, type SyncOptions } from "@/lib/sync/annotations";
import { SYNC_PHASES, hookOf, isOutsideDesiredState, type HookSpec } from "@/lib/sync/hooks";
import { syncSteps, syncWaveOf } from "@/lib/sync/order";
import { TRACKING_ANNOTATION, keyOf, subjectOf, trackingIdOf, type HookPhase, type KubeObject, type ResourceRefusal } from "@/lib/types";
import type { AppComparison } from "./compare-app";

/** One object to apply, and whether the comparison found it synced already. */
export interface PlannedApply {
  obj: KubeObject;
  /** True when the comparison found it synced: it is noted `unchanged`, not applied. */
  unchanged: boolean;
  /** True when the object already exists (it is `configured`, else `created`). */
  exists: boolean;
  /** Its sync options (`Replace=true`, `Validate=false`…). */
  options: SyncOptions;
  /** The phase it runs in and its delete policies, when it is a hook. */
  hook?: { phase: HookPhase } & Pick<HookSpec, "deletePolicies">;
}

/** One wave of a phase: its objects in steps that each apply at once. */
export interface PlannedWave {
  phase: HookPhase;
  wave: number;
  steps: PlannedApply[][];
}

/** A selected object the engine will not write, and why. */
export interface PlannedRefusal {
  obj: KubeObject;
  refusal: ResourceRefusal;
}

/**
 * What a sync will touch: the waves of its phases, in the order they run, and the live
 * objects to prune, each in steps — the steps run one after the other, the objects of a step
 * at once.
 */
export interface SyncPlan {
  /** PreSync, Sync and PostSync waves, in the order they run. */
  waves: PlannedWave[];
  /** SyncFail hooks by wave, run when the sync fails. */
  syncFail: PlannedWave[];
  /** Objects that left Git, deleted at the end of the Sync phase in the reverse sync order. */
  prune: KubeObject[][];
  /** Objects marked `PruneLast=true`, deleted after every other prune. */
  pruneLast: KubeObject[][];
  /** Objects marked `Prune=false`: noted, never deleted. */
  keep: KubeObject[];
  /** Hooks a dry run or a selective sync does not run: noted `skipped`. */
  skippedHooks: KubeObject[];
  /** Delete the objects that left Git; when false they are noted `skipped`. */
  prunes: boolean;
  dryRun: boolean;
  /** Namespaces to create first (the app's `createNamespace`, and `CreateNamespace=true` objects), when not a dry run. */
  namespaces: KubeObject[];
  /** Why nothing can be applied at all (the render failed), when so. */
  blockedBy?: string;
  /**
   * Selected objects a rule refuses (the project, or ownership). As Argo CD validates a sync
   * before it starts, a plan with refusals writes nothing.
   */
  refused: PlannedRefusal[];
}

/** What a caller asked, as the planner needs it. */
export interface PlanRequest {
  dryRun: boolean;
  prune: boolean;
  /** Subjects to sync; all when empty. */
  resources: readonly string[];
  /** The destination namespace to create first, when the app asks for it. */
  createNamespace?: string;
  /**
   * What makes the names of `generateName` hooks unique to this sync, e.g. `1a2b3c4-1764500000`
   * (revision and start time, as Argo CD names them).
   */
  hookSuffix?: string;
}

const isNamespaced = (o: KubeObject) => o.metadata.namespace !== undefined;

/** Longest name a hook may get (a Job's name becomes a label value). */
const MAX_HOOK_NAME = 63;

/** Every apply step of the plan, SyncFail hooks aside, in order. */
export function applySteps(plan: Pick<SyncPlan, "waves">): PlannedApply[][] {
  return plan.waves.flatMap((wave) => wave.steps);
}

/** The resources that will change: applies of what is not synced, and every prune. */
export function changeCount(plan: SyncPlan): number {
  return applySteps(plan).flat().filter((a) => !a.unchanged).length + plan.prune.flat().length + plan.pruneLast.flat().length;
}

/**
 * The hook as it runs in `phase`: a `generateName` hook gets its name now, from its prefix, the
 * sync's suffix and the phase (as Argo CD's `<generateName><revision>-<phase>-<time>`).
 */
export function hookInstance(obj: KubeObject, phase: HookPhase, suffix: string): KubeObject {
  const prefix = obj.metadata.generateName;
  if (typeof prefix !== "string" || obj.metadata.name !== prefix) return obj;
  const name = `${prefix}${suffix}-${phase}`.toLowerCase().slice(0, MAX_HOOK_NAME).replace(/[-.]+$/, "");
  const metadata: KubeObject["metadata"] = { ...obj.metadata, name };
  delete metadata.generateName;
  const named: KubeObject = { ...obj, metadata };
  const annotations = named.metadata.annotations ?? {};
  const tracking = annotations[TRACKING_ANNOTATION];
  if (tracking === undefined) return named;
  const app = tracking.slice(0, tracking.indexOf(":"));
  return { ...named, metadata: { ...named.metadata, annotations: { ...annotations, [TRACKING_ANNOTATION]: trackingIdOf(app, keyOf(named)) } } };
}

/** Groups objects by wave, lowest first, each wave in steps. */
function wavesOf(phase: HookPhase, entries: readonly PlannedApply[]): PlannedWave[] {
  const byWave = new Map<number, PlannedApply[]>();
  for (const entry of entries) {
    const wave = syncWaveOf(entry.obj);
    byWave.set(wave, [...(byWave.get(wave) ?? []), entry]);
  }
  return [...byWave.entries()]
    .sort(([a], [b]) => a - b)
    .map(([wave, items]) => {
      const byObject = new Map(items.map((item) => [item.obj, item]));
      const steps = syncSteps(items.map((item) => item.obj), { isNamespaced }).map((step) => step.flatMap((obj) => byObject.get(obj) ?? []));
      return { phase, wave, steps };
    });
}

/** The Namespace objects to create first: the app's, and those `CreateNamespace=true` objects live in. */
function namespacesToCreate(objects: readonly KubeObject[], request: PlanRequest): KubeObject[] {
  if (request.dryRun) return [];
  const declared = new Set(objects.filter((o) => o.kind === "Namespace" && o.apiVersion === "v1").map((o) => o.metadata.name));
  const names = new Set<string>(request.createNamespace ? [request.createNamespace] : []);
  for (const obj of objects) {
    const namespace = obj.metadata.namespace;
    if (namespace && syncOptionsOf(obj).createNamespace && !declared.has(namespace)) names.add(namespace);
  }
  return [...names].map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } }));
}

/** Plans a sync of a comparison: phases of waves of steps, then prunes in the reverse order. */
export function planSync(comparison: AppComparison, request: PlanRequest): SyncPlan {
  const selected = new Set(request.resources);
  const isSelected = (subject: string) => selected.size === 0 || selected.has(subject);
  const status = new Map(comparison.resources.map((r) => [r.subject, r.status]));
  const refusals = new Map(comparison.resources.flatMap((r) => (r.refusal ? [[r.subject, r.refusal] as const] : [])));
  const ordinary = comparison.desired.filter((obj) => !isOutsideDesiredState(obj));
  const hooks = comparison.desired.flatMap((obj) => {
    const hook = hookOf(obj);
    return hook ? [{ obj, hook }] : [];
  });
  const selectedObjects = ordinary.filter((obj) => isSelected(subjectOf(keyOf(obj))));
  const refused = selectedObjects.flatMap((obj) => {
    const refusal = refusals.get(subjectOf(keyOf(obj)));
    return refusal ? [{ obj, refusal }] : [];
  });
  const chosen: PlannedApply[] = selectedObjects
    .filter((obj) => !refusals.has(subjectOf(keyOf(obj))))
    .map((obj) => {
      const subject = subjectOf(keyOf(obj));
      return { obj, unchanged: status.get(subject) === "Synced", exists: comparison.live.has(subject), options: syncOptionsOf(obj) };
    });
  const runsHooks = !request.dryRun && selected.size === 0;
  const suffix = request.hookSuffix ?? (comparison.revision?.sha.slice(0, 7) || "sync");
  const hooksIn = (phase: HookPhase): PlannedApply[] =>
    runsHooks
      ? hooks
          .filter(({ hook }) => hook.phases.includes(phase))
          .map(({ obj, hook }) => ({ obj: hookInstance(obj, phase, suffix), unchanged: false, exists: false, options: syncOptionsOf(obj), hook: { phase, deletePolicies: hook.deletePolicies } }))
      : [];
  const waves = SYNC_PHASES.flatMap((phase) => wavesOf(phase, [...(phase === "Sync" ? chosen : []), ...hooksIn(phase)]));
  const prunable = comparison.resources
    .filter((r) => r.state === "prunable" && isSelected(r.subject))
    .map((r) => comparison.live.get(r.subject))
    .filter((o): o is KubeObject => o !== undefined && !isOutsideDesiredState(o));
  const optionsOf = new Map(prunable.map((o) => [o, syncOptionsOf(o)] as const));
  const keep = prunable.filter((o) => optionsOf.get(o)?.noPrune);
  const deletable = prunable.filter((o) => !optionsOf.get(o)?.noPrune);
  const comparisonError = comparison.conditions.find((c) => c.type === "ComparisonError");
  return {
    waves,
    syncFail: wavesOf("SyncFail", hooksIn("SyncFail")),
    prune: syncSteps(deletable.filter((o) => !optionsOf.get(o)?.pruneLast), { isNamespaced }).reverse(),
    pruneLast: syncSteps(deletable.filter((o) => optionsOf.get(o)?.pruneLast), { isNamespaced }).reverse(),
    keep,
    skippedHooks: runsHooks ? [] : hooks.map(({ obj }) => obj),
    prunes: request.prune,
    dryRun: request.dryRun,
    refused,
    namespaces: namespacesToCreate(chosen.map((c) => c.obj), request),
    ...(comparisonError && ordinary.length === 0 ? { blockedBy: comparisonError.message } : {}),
  };
}
