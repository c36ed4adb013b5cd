import { groupOf, type KubeObject } from "@/lib/types";
import { steeringAnnotation } from "./annotations";
import { hookOf } from "./hooks";

/**
 * The tiers of a wave, applied in this order (and pruned in the reverse): Namespaces must
 * exist before what lives in them, CRDs before their custom resources, cluster-scoped
 * objects (ClusterRoles, StorageClasses...) before the namespaced objects that use them.
 */
export const APPLY_TIERS = ["Namespaces", "CustomResourceDefinitions", "ClusterScoped", "Namespaced"] as const;
/** One tier of a wave; see `APPLY_TIERS`. */
export type ApplyTier = (typeof APPLY_TIERS)[number];

/** How to tell where an object lives. */
export interface SyncOrderOptions {
  /**
   * Whether the object's kind is namespaced, as discovery says. Rendered objects may omit
   * their namespace, so its presence alone cannot tell.
   */
  isNamespaced: (obj: KubeObject) => boolean;
}

/**
 * Kinds in install order, after Helm's `InstallOrder` and Argo CD's `kindOrder`: what others
 * depend on (policies, accounts, config, storage, RBAC, Services) before the workloads, and
 * webhooks last so they cannot reject the objects of the same sync. Unknown kinds follow.
 */
const KIND_ORDER = [
  "Namespace",
  "PriorityClass",
  "NetworkPolicy",
  "ResourceQuota",
  "LimitRange",
  "PodDisruptionBudget",
  "ServiceAccount",
  "Secret",
  "ConfigMap",
  "StorageClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleBinding",
  "Role",
  "RoleBinding",
  "Service",
  "Pod",
  "ReplicationController",
  "ReplicaSet",
  "Deployment",
  "HorizontalPodAutoscaler",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "IngressClass",
  "Ingress",
  "APIService",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
] as const;

const KIND_RANK = new Map<string, number>(KIND_ORDER.map((kind, i) => [kind, i]));
const INTEGER = /^[+-]?\d+$/;

/** The apply tier of an object. */
export function applyTierOf(obj: KubeObject, options: SyncOrderOptions): ApplyTier {
  const group = groupOf(obj.apiVersion);
  if (obj.kind === "Namespace" && group === "") return "Namespaces";
  if (obj.kind === "CustomResourceDefinition" && group === "apiextensions.k8s.io") return "CustomResourceDefinitions";
  return options.isNamespaced(obj) ? "Namespaced" : "ClusterScoped";
}

/**
 * The object's sync wave from its `sync-wave` annotation (`lockstep.dev/` or Argo CD's
 * `argocd.argoproj.io/`), else a Helm hook's `hook-weight`: an integer, negative allowed, lower
 * first; 0 when absent or not an integer.
 */
export function syncWaveOf(obj: KubeObject): number {
  const raw = steeringAnnotation(obj, "sync-wave");
  if (raw === undefined) return hookOf(obj)?.helmWeight ?? 0;
  if (!INTEGER.test(raw)) return 0;
  const wave = Number(raw);
  return Number.isSafeInteger(wave) ? wave : 0;
}

/**
 * The objects in the order to apply them: by wave, then tier (as Argo CD orders waves before kinds), then kind (install order,
 * unknown kinds alphabetically after), then namespace and name. Returns a new array.
 */
export function orderForSync<T extends KubeObject>(objects: readonly T[], options: SyncOrderOptions): T[] {
  const keyed = objects.map((obj) => ({ obj, tier: APPLY_TIERS.indexOf(applyTierOf(obj, options)), wave: syncWaveOf(obj) }));
  keyed.sort((a, b) => a.wave - b.wave || a.tier - b.tier || compareWithinWave(a.obj, b.obj));
  return keyed.map(({ obj }) => obj);
}

/**
 * The objects in sync order, cut into steps that may each be applied all at once: one step
 * per wave, tier and kind (ConfigMaps before the Deployments that mount them, as in
 * `orderForSync`), in that order. Returns new arrays.
 */
export function syncSteps<T extends KubeObject>(objects: readonly T[], options: SyncOrderOptions): T[][] {
  const steps: T[][] = [];
  let stepKey: string | undefined;
  for (const obj of orderForSync(objects, options)) {
    const key = `${syncWaveOf(obj)}|${applyTierOf(obj, options)}|${groupOf(obj.apiVersion)}|${obj.kind}`;
    if (key !== stepKey) steps.push([]);
    stepKey = key;
    steps.at(-1)?.push(obj);
  }
  return steps;
}

/** The objects in the order to delete them: the reverse of `orderForSync`. */
export function orderForPrune<T extends KubeObject>(objects: readonly T[], options: SyncOrderOptions): T[] {
  return orderForSync(objects, options).reverse();
}

function compareWithinWave(a: KubeObject, b: KubeObject): number {
  const rankA = KIND_RANK.get(a.kind) ?? KIND_ORDER.length;
  const rankB = KIND_RANK.get(b.kind) ?? KIND_ORDER.length;
  return (
    rankA - rankB ||
    compareText(a.kind, b.kind) ||
    compareText(groupOf(a.apiVersion), groupOf(b.apiVersion)) ||
    compareText(a.metadata.namespace ?? "", b.metadata.namespace ?? "") ||
    compareText(a.metadata.name, b.metadata.name)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
