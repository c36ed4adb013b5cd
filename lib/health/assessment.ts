import type { HealthStatus, KubeObject } from "@/lib/types";

/**
 * The health of one object and a one-line reason for it. The message may be empty when the
 * status says it all (a Healthy Service, say).
 */
export interface HealthAssessment {
  status: HealthStatus;
  message: string;
}

/** What a check may know besides the object itself. */
export interface HealthContext {
  /**
   * Objects the assessed one owns, directly or further down (a Deployment's ReplicaSets and
   * Pods, a CronJob's Jobs), as the live resource tree holds them. Checks use them only to
   * explain or sharpen a verdict; none needs them.
   */
  children: KubeObject[];
}

/**
 * Assesses one kind. A check may throw (a field of the wrong type, say); the caller turns
 * that into `Unknown` with the error's message, as gitops-engine does.
 */
export type HealthCheck = (obj: KubeObject, context: HealthContext) => HealthAssessment;

/** Shorthand for building an assessment. */
export function assessment(status: HealthStatus, message = ""): HealthAssessment {
  return { status, message };
}
