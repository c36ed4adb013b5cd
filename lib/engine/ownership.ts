/**
 * Who owns a live object: the app its tracking annotation names, and nobody else. A desired
 * object whose live counterpart is unmanaged or another app's is not taken over (as Argo CD
 * warns of shared resources) unless its manifest opts in with `lockstep.dev/adopt: "true"`.
 * Pure.
 */
import { ADOPT_ANNOTATION, keyOf, subjectOf, trackedAppOf, type KubeObject, type ResourceRefusal } from "@/lib/types";

/** True when the manifest asks to take over a live object it does not own yet. */
export function isAdoptable(desired: KubeObject): boolean {
  return desired.metadata.annotations?.[ADOPT_ANNOTATION] === "true";
}

/**
 * Why `appName` may not write `live` for `desired`: it exists unmanaged, or another app owns
 * it. Undefined when the app owns it, or the manifest opts into adoption.
 */
export function ownershipRefusal(appName: string, desired: KubeObject, live: KubeObject): ResourceRefusal | undefined {
  const owner = trackedAppOf(live);
  if (owner === appName || isAdoptable(desired)) return undefined;
  const subject = subjectOf(keyOf(desired));
  if (owner) return { rule: "ownership", message: `${subject} exists and is owned by app ${owner}; Lockstep will not take it over.` };
  return {
    rule: "ownership",
    message: `${subject} exists and is not managed by Lockstep (unmanaged); set the annotation ${ADOPT_ANNOTATION}: "true" on the manifest to adopt it.`,
  };
}
