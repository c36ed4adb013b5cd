/**
 * Planning a sync: which objects to apply and which to prune, in which steps. Pure — a plan is
 * a value computed from a comparison and the request, before anything is written, in the
 * manner of gitops-engine's sync tasks and flux ssa's change sets.
 */
import { syncSteps } from "@/lib/sync/order";
import { keyOf, subjectOf, type KubeObject, type ResourceRefusal } from "@/lib/types";
import type { AppComparison } from "./compare-app";

/** One object to apply, and whether the comparison found it synced already. */
export interface PlannedApply {
  obj: KubeObject;
  /** True when the comparison found it synced: it is noted `unchanged`, not applied. */
  unchanged: boolean;
  /** True when the object already exists (it is `configured`, else `created`). */
  exists: boolean;
}

/** A selected object the engine will not write, and why. */
export interface PlannedRefusal {
  obj: KubeObject;
  refusal: ResourceRefusal;
}

/**
 * What a sync will touch: the objects to apply and the live objects to prune, each in steps
 * (see `syncSteps`) — the steps run one after the other, the objects of a step at once.
 */
export interface SyncPlan {
  apply: PlannedApply[][];
  prune: KubeObject[][];
  /** Delete the objects that left Git; when false they are noted `skipped`. */
  prunes: boolean;
  dryRun: boolean;
  /** A Namespace to create first (the app's `createNamespace`), when not a dry run. */
  namespace?: KubeObject;
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
}

const isNamespaced = (o: KubeObject) => o.metadata.namespace !== undefined;

/** The resources that will change: applies of what is not synced, and every prune. */
export function changeCount(plan: SyncPlan): number {
  return plan.apply.flat().filter((a) => !a.unchanged).length + plan.prune.flat().length;
}

/** Plans a sync of a comparison: ordered steps of applies, then prunes in the reverse order. */
export function planSync(comparison: AppComparison, request: PlanRequest): SyncPlan {
  const selected = new Set(request.resources);
  const isSelected = (subject: string) => selected.size === 0 || selected.has(subject);
  const status = new Map(comparison.resources.map((r) => [r.subject, r.status]));
  const refusals = new Map(comparison.resources.flatMap((r) => (r.refusal ? [[r.subject, r.refusal] as const] : [])));
  const selectedObjects = comparison.desired.filter((obj) => isSelected(subjectOf(keyOf(obj))));
  const refused = selectedObjects.flatMap((obj) => {
    const refusal = refusals.get(subjectOf(keyOf(obj)));
    return refusal ? [{ obj, refusal }] : [];
  });
  const chosen = selectedObjects.filter((obj) => !refusals.has(subjectOf(keyOf(obj))));
  const apply = syncSteps(chosen, { isNamespaced }).map((step) =>
    step.map((obj) => {
      const subject = subjectOf(keyOf(obj));
      return { obj, unchanged: status.get(subject) === "Synced", exists: comparison.live.has(subject) };
    }),
  );
  const prunable = comparison.resources
    .filter((r) => r.state === "prunable" && isSelected(r.subject))
    .map((r) => comparison.live.get(r.subject))
    .filter((o): o is KubeObject => o !== undefined);
  const comparisonError = comparison.conditions.find((c) => c.type === "ComparisonError");
  return {
    apply,
    prune: syncSteps(prunable, { isNamespaced }).reverse(),
    prunes: request.prune,
    dryRun: request.dryRun,
    refused,
    ...(request.createNamespace && !request.dryRun ? { namespace: { apiVersion: "v1", kind: "Namespace", metadata: { name: request.createNamespace } } } : {}),
    ...(comparisonError && comparison.desired.length === 0 ? { blockedBy: comparisonError.message } : {}),
  };
}
