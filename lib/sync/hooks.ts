/**
 * Sync hooks, as Argo CD defines them: objects annotated `hook` (under `argocd.argoproj.io/`
 * or `lockstep.dev/`) are not part of the app's desired state; they run in a phase of the
 * sync — PreSync, Sync, PostSync, or SyncFail when the sync fails — and are deleted by their
 * `hook-delete-policy`. `Skip` marks an object never to apply. Helm's hooks are mapped as Argo
 * CD maps them: pre-install/pre-upgrade → PreSync, post-install/post-upgrade → PostSync,
 * `hook-weight` → wave, test hooks skipped; an Argo CD or Lockstep hook annotation wins.
 */
import type { HookPhase, KubeObject } from "@/lib/types";
import { parseOptionList, steeringAnnotation } from "./annotations";

/** The phases of a sync, in the order they run; SyncFail only runs when one of them failed. */
export const SYNC_PHASES = ["PreSync", "Sync", "PostSync"] as const;
/** A phase that runs on every sync. */
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** When a hook object is deleted. */
export const HOOK_DELETE_POLICIES = ["HookSucceeded", "HookFailed", "BeforeHookCreation"] as const;
/** One delete policy; see {@link HOOK_DELETE_POLICIES}. */
export type HookDeletePolicy = (typeof HOOK_DELETE_POLICIES)[number];

/** What an object's hook annotations say. */
export interface HookSpec {
  /** The phases it runs in (an object may name several). */
  phases: HookPhase[];
  /** Its delete policies; BeforeHookCreation when none is given. */
  deletePolicies: HookDeletePolicy[];
  /** Its wave from Helm's `hook-weight`, for a Helm hook; Argo CD's `sync-wave` decides otherwise. */
  helmWeight?: number;
}

const HELM_HOOK = "helm.sh/hook";
const HELM_WEIGHT = "helm.sh/hook-weight";
const HELM_DELETE_POLICY = "helm.sh/hook-delete-policy";

const PHASE_NAMES = new Map<string, HookPhase>([
  ["presync", "PreSync"],
  ["sync", "Sync"],
  ["postsync", "PostSync"],
  ["syncfail", "SyncFail"],
]);

const HELM_PHASES = new Map<string, HookPhase>([
  ["pre-install", "PreSync"],
  ["pre-upgrade", "PreSync"],
  ["post-install", "PostSync"],
  ["post-upgrade", "PostSync"],
]);

const HELM_DELETE_POLICIES = new Map<string, HookDeletePolicy>([
  ["before-hook-creation", "BeforeHookCreation"],
  ["hook-succeeded", "HookSucceeded"],
  ["hook-failed", "HookFailed"],
]);

const INTEGER = /^[+-]?\d+$/;

function words(raw: string | undefined): string[] {
  return [...parseOptionList(raw).keys()];
}

function deletePolicies(names: string[], known: ReadonlyMap<string, HookDeletePolicy>): HookDeletePolicy[] {
  const policies = [...new Set(names.flatMap((name) => known.get(name.toLowerCase()) ?? []))];
  return policies.length > 0 ? policies : ["BeforeHookCreation"];
}

const ARGO_DELETE_POLICIES = new Map(HOOK_DELETE_POLICIES.map((p) => [p.toLowerCase(), p]));

/** True when the object carries `hook: Skip`: it is neither applied nor compared. */
export function isSkipped(obj: Pick<KubeObject, "metadata">): boolean {
  return words(steeringAnnotation(obj, "hook")).some((word) => word.toLowerCase() === "skip");
}

/**
 * The object's hook, or undefined when it is an ordinary resource. Unknown phase names are
 * ignored; a Helm `test` hook (or any Helm hook Argo CD does not run) is skipped.
 */
export function hookOf(obj: Pick<KubeObject, "metadata">): HookSpec | undefined {
  const argo = words(steeringAnnotation(obj, "hook"));
  if (argo.length > 0) {
    const phases = [...new Set(argo.flatMap((word) => PHASE_NAMES.get(word.toLowerCase()) ?? []))];
    if (phases.length === 0) return undefined;
    return { phases, deletePolicies: deletePolicies(words(steeringAnnotation(obj, "hook-delete-policy")), ARGO_DELETE_POLICIES) };
  }
  const annotations = obj.metadata.annotations ?? {};
  const helm = words(annotations[HELM_HOOK]);
  if (helm.length === 0) return undefined;
  const phases = [...new Set(helm.flatMap((word) => HELM_PHASES.get(word.toLowerCase()) ?? []))];
  if (phases.length === 0) return undefined;
  const weight = annotations[HELM_WEIGHT]?.trim();
  const helmWeight = weight !== undefined && INTEGER.test(weight) && Number.isSafeInteger(Number(weight)) ? Number(weight) : undefined;
  return { phases, deletePolicies: deletePolicies(words(annotations[HELM_DELETE_POLICY]), HELM_DELETE_POLICIES), ...(helmWeight !== undefined ? { helmWeight } : {}) };
}

/** True for a Helm hook that Argo CD never runs (a `test` hook, `pre-delete`…): treated as Skip. */
export function isIgnoredHelmHook(obj: Pick<KubeObject, "metadata">): boolean {
  const argo = steeringAnnotation(obj, "hook");
  if (argo) return false;
  const helm = words(obj.metadata.annotations?.[HELM_HOOK]);
  return helm.length > 0 && !helm.some((word) => HELM_PHASES.has(word.toLowerCase()));
}

/** True when the object is not part of the desired state: a hook, skipped, or a Helm hook never run. */
export function isOutsideDesiredState(obj: Pick<KubeObject, "metadata">): boolean {
  return isSkipped(obj) || isIgnoredHelmHook(obj) || hookOf(obj) !== undefined;
}
