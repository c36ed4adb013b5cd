/**
 * Lockstep's shared vocabulary. Names follow Argo CD's so its users need to learn nothing new.
 */

/** A Kubernetes object as plain JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Whether the cluster matches Git. */
export const SYNC_STATUSES = ["Synced", "OutOfSync", "Unknown"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/** Health, ordered from best to worst; the worst of an app's resources is the app's. */
export const HEALTH_STATUSES = ["Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** True when `a` is worse than `b`. */
export function isWorseHealth(a: HealthStatus, b: HealthStatus): boolean {
  return HEALTH_STATUSES.indexOf(a) > HEALTH_STATUSES.indexOf(b);
}

/** The phase of an operation (sync, rollback...). */
export const OPERATION_PHASES = ["Queued", "Running", "Terminating", "Succeeded", "Failed", "Error"] as const;
export type OperationPhase = (typeof OPERATION_PHASES)[number];

/** True once an operation has finished, whatever its outcome. */
export function isCompleted(phase: OperationPhase): boolean {
  return phase === "Succeeded" || phase === "Failed" || phase === "Error";
}

/** True when an operation finished without error. */
export function isSuccessful(phase: OperationPhase): boolean {
  return phase === "Succeeded";
}

/** What a sync did to one resource. */
export const RESOURCE_ACTIONS = ["created", "configured", "unchanged", "pruned", "failed", "skipped", "refused"] as const;
export type ResourceAction = (typeof RESOURCE_ACTIONS)[number];

/** The phases a sync runs hooks in, as Argo CD names them; SyncFail only when the sync failed. */
export const HOOK_PHASES = ["PreSync", "Sync", "PostSync", "SyncFail"] as const;
export type HookPhase = (typeof HOOK_PHASES)[number];

/** Where a hook stands: created and running, or finished. */
export const HOOK_STATES = ["Running", "Succeeded", "Failed"] as const;
export type HookState = (typeof HOOK_STATES)[number];

/** A hook's place in an operation: its phase and state. */
export interface HookProgress {
  phase: HookPhase;
  state: HookState;
}

/** Why an operation ran. */
export const OPERATION_KINDS = ["sync", "auto-sync", "self-heal", "rollback"] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** App condition types, as Argo CD names them. */
export const CONDITION_TYPES = ["ComparisonError", "SyncError", "RepoUnreachable", "SharedResourceWarning"] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

/** A problem with an app that the page must show. */
export interface AppCondition {
  type: ConditionType;
  message: string;
  observedAt: string;
}

/** Identity of a resource, independent of its content. */
export interface ResourceKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** A kind as the API addresses it: `{ apiVersion: "apps/v1", kind: "Deployment" }`. */
export interface KindRef {
  apiVersion: string;
  kind: string;
}

declare const KIND_KEY: unique symbol;

/**
 * A kind as a map or set key, made only by {@link kindKeyOf}. Opaque on purpose: it is never
 * split back apart; keep the {@link KindRef} beside it wherever the parts are needed.
 */
export type KindKey = string & { readonly [KIND_KEY]: true };

/** The key of a kind; any value with `apiVersion` and `kind` will do, a whole object too. */
export function kindKeyOf(ref: KindRef): KindKey {
  return `${ref.apiVersion}|${ref.kind}` as KindKey;
}

/** Labels and annotations owned by Lockstep live under this prefix. */
export const LOCKSTEP_PREFIX = "lockstep.dev/";
/** Label set on every object an app renders: the app's name. */
export const APP_LABEL = "lockstep.dev/app";
/** Annotation set on every object an app renders: `<app>:<group>/<kind>:<namespace>/<name>`. */
export const TRACKING_ANNOTATION = "lockstep.dev/tracking-id";

/** Set to `"true"` on a manifest to let its app take over a live object it does not own yet. */
export const ADOPT_ANNOTATION = "lockstep.dev/adopt";

/** Why the engine will not write a resource: the rule that refuses it and a one-sentence message. */
export interface ResourceRefusal {
  /** `ownership`, or a project rule: `cluster-resource`, `namespaced-resource`, `destination`, `source`, `sync-window`. */
  rule: string;
  message: string;
}

/**
 * The app named by an object's tracking annotation (`<app>:<group>/<kind>:<ns>/<name>`), when
 * the annotation names the object itself. Controllers copy annotations onto what they make (a
 * Deployment's onto its ReplicaSets); as with Argo CD's annotation tracking, such a copy does
 * not make the copy the app's.
 */
export function trackedAppOf(obj: KubeObject): string | undefined {
  const id = obj.metadata.annotations?.[TRACKING_ANNOTATION];
  const colon = id?.indexOf(":") ?? -1;
  if (!id || colon <= 0) return undefined;
  const app = id.slice(0, colon);
  return id === trackingIdOf(app, keyOf(obj)) ? app : undefined;
}

/** The tracking id of a resource: `<app>:<group>/<kind>:<namespace>/<name>`. */
export function trackingIdOf(appName: string, key: ResourceKey): string {
  return `${appName}:${key.group}/${key.kind}:${key.namespace}/${key.name}`;
}
/** Annotation that orders objects within a sync phase, lowest first. */
export const SYNC_WAVE_ANNOTATION = "lockstep.dev/sync-wave";
/** Field manager used for every server-side apply and dry run. */
export const FIELD_MANAGER = "lockstep";

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}

/** The key of an object. */
export function keyOf(obj: KubeObject): ResourceKey {
  return {
    group: groupOf(obj.apiVersion),
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? "",
    name: obj.metadata.name,
  };
}

/** A readable, unique subject for a resource: `Deployment/ns/name` or `Namespace/name`. */
export function subjectOf(key: ResourceKey): string {
  const kind = key.group ? `${key.kind}.${key.group}` : key.kind;
  return key.namespace ? `${kind}/${key.namespace}/${key.name}` : `${kind}/${key.name}`;
}
