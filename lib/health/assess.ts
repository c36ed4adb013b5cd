import type { KubeObject } from "@/lib/types";
import { assessment, type HealthAssessment } from "./assessment";
import { healthCheckFor } from "./dispatch";

/** Options of `assessHealth`. */
export interface AssessHealthOptions {
  /**
   * Objects the assessed one owns, directly or further down, from the live resource tree.
   * They sharpen a few verdicts (a CronJob's failed last Job) and explain others (the Pod a
   * rollout waits on).
   * @default []
   */
  children?: KubeObject[];
}

/** Messages longer than this are cut, so a container's termination log cannot flood a row. */
const MAX_MESSAGE_LENGTH = 500;

/**
 * The health of one live object and a one-line reason, as gitops-engine's
 * `GetResourceHealth` gives it: an object being deleted is Progressing; a kind with a
 * built-in check is judged by it; any other kind is Healthy once it exists. A check that
 * fails (a field of the wrong type, say) yields Unknown with the reason instead of throwing.
 * Pure: reads nothing but its arguments.
 */
export function assessHealth(obj: KubeObject, opts: AssessHealthOptions = {}): HealthAssessment {
  const result = rawHealth(obj, opts.children ?? []);
  return { status: result.status, message: oneLine(result.message) };
}

/** The health of a resource that Git wants but the cluster does not have. */
export function missingHealth(): HealthAssessment {
  return assessment("Missing", "Not found in the cluster");
}

function rawHealth(obj: KubeObject, children: KubeObject[]): HealthAssessment {
  try {
    if (obj.metadata.deletionTimestamp) return pendingDeletion(obj);
    const check = healthCheckFor(obj);
    return check ? check(obj, { children }) : assessment("Healthy");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return assessment("Unknown", `Cannot assess the health of ${obj.kind ?? "the object"} "${obj.metadata?.name ?? "?"}": ${reason}`);
  }
}

function pendingDeletion(obj: KubeObject): HealthAssessment {
  const finalizers = Array.isArray(obj.metadata.finalizers) ? obj.metadata.finalizers.filter((f) => typeof f === "string") : [];
  return assessment("Progressing", finalizers.length > 0 ? `Pending deletion; waiting for finalizers: ${finalizers.join(", ")}` : "Pending deletion");
}

function oneLine(message: string): string {
  const flat = message.replace(/\s*[\r\n]+\s*/g, " ").trim();
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : flat;
}
