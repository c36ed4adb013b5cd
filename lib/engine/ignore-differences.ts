/**
 * The comparer's side of `ignoreDifferences`: the rules in force for an app (its own and the
 * built-in defaults lib/diff derives from its objects), and for one object the normalizer that
 * leaves the ignored fields out and the dry-run cache key that depends on them.
 */
import { createHash } from "node:crypto";
import type { AppRecord } from "@/lib/db/apps";
import { defaultIgnoreRules, ignoreBasis, ignoringNormalizer, rulesFor, type IgnoreRule, type Normalizer } from "@/lib/diff";
import type { KubeObject } from "@/lib/types";

/**
 * The rules in force for one comparison of an app: the built-in defaults (a HorizontalPodAutoscaler's
 * target keeps its `spec.replicas` out of the diff), found among the app's desired and live
 * objects, then the app's own `ignoreDifferences`.
 */
export function ignoreRulesOf(app: Pick<AppRecord, "ignoreDifferences">, objects: Iterable<KubeObject>): IgnoreRule[] {
  return [...defaultIgnoreRules(objects), ...(app.ignoreDifferences ?? [])];
}

/** How one object is compared under the rules. */
export interface ObjectIgnoring {
  /** Leaves the ignored fields out of both sides; undefined when no rule applies (the default normalizer). */
  normalizer?: Normalizer;
  /**
   * The dry-run cache key for this object under the rules: the plain key when no rule applies,
   * else the key with a hash of the rules and the ownership they read, so a cached `synced`
   * verdict never outlives a change of either.
   */
  cacheKey(plain: string | undefined): string | undefined;
}

/** The normalizer and cache key of one desired object and its live counterpart under the app's rules. */
export function ignoringFor(rules: readonly IgnoreRule[], desired: KubeObject, live: KubeObject | undefined): ObjectIgnoring {
  const applying = rulesFor(rules, desired);
  if (applying.length === 0) return { cacheKey: (plain) => plain };
  const basis = createHash("sha256").update(ignoreBasis(applying, live)).digest("base64url");
  return { normalizer: ignoringNormalizer(applying, live), cacheKey: (plain) => (plain === undefined ? undefined : `${plain}|ignore:${basis}`) };
}
