/**
 * `ignoreDifferences` rules, spelled as in Argo CD's Application spec: which objects a rule
 * applies to (group, kind, optional name and namespace) and which of their fields it ignores
 * (JSON pointers, JQ-style path expressions, fields owned by named field managers). Also the
 * rules Lockstep always adds on its own ({@link defaultIgnoreRules}).
 */
import { groupOf, type KubeObject } from "@/lib/types";

/** One `ignoreDifferences` entry of an app spec. */
export interface IgnoreRule {
  /** The API group of the objects (`apps`); absent or empty for the core group; `*` for any. */
  group?: string;
  /** Their kind (`Deployment`); `*` for any. */
  kind: string;
  /** Only the object of this name. @default every name */
  name?: string;
  /** Only objects in this namespace. @default every namespace */
  namespace?: string;
  /** Fields by RFC 6901 JSON pointer (`/spec/replicas`). */
  jsonPointers?: string[];
  /** Fields by JQ-style path expression, in the subset lib/diff/jq-path.ts documents. */
  jqPathExpressions?: string[];
  /** Every field the live object's `managedFields` credit to one of these field managers. */
  managedFieldsManagers?: string[];
}

/** True when the rule applies to the object: same group and kind (or `*`), and same name and namespace when the rule names them. */
export function ruleApplies(rule: IgnoreRule, obj: KubeObject): boolean {
  const group = rule.group ?? "";
  if (group !== "*" && group !== groupOf(obj.apiVersion)) return false;
  if (rule.kind !== "*" && rule.kind !== obj.kind) return false;
  if (rule.name !== undefined && rule.name !== obj.metadata.name) return false;
  return rule.namespace === undefined || rule.namespace === (obj.metadata.namespace ?? "");
}

/** Kinds whose `spec.replicas` a HorizontalPodAutoscaler may own. */
const SCALABLE_KINDS: Readonly<Record<string, string>> = { Deployment: "apps", StatefulSet: "apps", ReplicaSet: "apps" };

function scaleTargetOf(hpa: KubeObject): { apiVersion?: string; kind?: string; name?: string } | undefined {
  const spec = hpa.spec as { scaleTargetRef?: { apiVersion?: unknown; kind?: unknown; name?: unknown } } | undefined;
  const ref = spec?.scaleTargetRef;
  if (!ref) return undefined;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return { apiVersion: text(ref.apiVersion), kind: text(ref.kind), name: text(ref.name) };
}

/**
 * The rules Lockstep always applies, derived from the objects it knows of (the app's desired
 * and live objects): a Deployment, StatefulSet or ReplicaSet that a HorizontalPodAutoscaler
 * in the same namespace targets (`spec.scaleTargetRef` kind and name) has its `spec.replicas`
 * ignored, as the autoscaler owns it. Rules are named by object, so they never reach others.
 */
export function defaultIgnoreRules(objects: Iterable<KubeObject>): IgnoreRule[] {
  const rules = new Map<string, IgnoreRule>();
  for (const obj of objects) {
    if (obj.kind !== "HorizontalPodAutoscaler" || groupOf(obj.apiVersion) !== "autoscaling") continue;
    const target = scaleTargetOf(obj);
    const defaultGroup = target?.kind ? SCALABLE_KINDS[target.kind] : undefined;
    if (!target?.kind || !target.name || defaultGroup === undefined) continue;
    const group = target.apiVersion ? groupOf(target.apiVersion) : defaultGroup;
    const namespace = obj.metadata.namespace ?? "";
    const rule: IgnoreRule = { group, kind: target.kind, name: target.name, namespace, jsonPointers: ["/spec/replicas"] };
    rules.set(`${group}/${target.kind}/${namespace}/${target.name}`, rule);
  }
  return [...rules.values()];
}
