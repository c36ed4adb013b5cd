import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { defaultIgnoreRules, ruleApplies, type IgnoreRule } from "./ignore-rules";

const deployment: KubeObject = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "demo" } };
const configMap: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "demo" } };

function hpa(target: Record<string, string>, namespace = "demo"): KubeObject {
  return { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "web", namespace }, spec: { scaleTargetRef: target } };
}

describe("ruleApplies", () => {
  it.each<{ rule: IgnoreRule; obj: KubeObject; applies: boolean }>([
    { rule: { group: "apps", kind: "Deployment" }, obj: deployment, applies: true },
    { rule: { kind: "Deployment" }, obj: deployment, applies: false },
    { rule: { kind: "ConfigMap" }, obj: configMap, applies: true },
    { rule: { group: "", kind: "ConfigMap" }, obj: configMap, applies: true },
    { rule: { group: "*", kind: "*" }, obj: deployment, applies: true },
    { rule: { group: "apps", kind: "Deployment", name: "web", namespace: "demo" }, obj: deployment, applies: true },
    { rule: { group: "apps", kind: "Deployment", name: "api" }, obj: deployment, applies: false },
    { rule: { group: "apps", kind: "Deployment", namespace: "prod" }, obj: deployment, applies: false },
    { rule: { group: "apps", kind: "StatefulSet" }, obj: deployment, applies: false },
  ])("answers $applies for $rule.group/$rule.kind $rule.name on $obj.kind", ({ rule, obj, applies }) => {
    expect(ruleApplies(rule, obj)).toBe(applies);
  });
});

describe("defaultIgnoreRules", () => {
  it("ignores spec.replicas of the Deployment an HPA targets, in the HPA's namespace", () => {
    expect(defaultIgnoreRules([deployment, hpa({ apiVersion: "apps/v1", kind: "Deployment", name: "web" })])).toEqual([
      { group: "apps", kind: "Deployment", name: "web", namespace: "demo", jsonPointers: ["/spec/replicas"] },
    ]);
  });

  it("covers StatefulSets and ReplicaSets, and targets without an apiVersion", () => {
    const rules = defaultIgnoreRules([hpa({ kind: "StatefulSet", name: "db" }), hpa({ kind: "ReplicaSet", name: "rs" })]);
    expect(rules.map((r) => `${r.group}/${r.kind}/${r.name}`)).toEqual(["apps/StatefulSet/db", "apps/ReplicaSet/rs"]);
  });

  it("makes one rule when the same HPA is seen desired and live", () => {
    const target = { apiVersion: "apps/v1", kind: "Deployment", name: "web" };
    expect(defaultIgnoreRules([hpa(target), hpa(target)])).toHaveLength(1);
  });

  it("adds nothing for other kinds, custom scale targets or HPAs without a target", () => {
    const noTarget: KubeObject = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "x", namespace: "demo" }, spec: {} };
    expect(defaultIgnoreRules([deployment, configMap, noTarget, hpa({ apiVersion: "example.com/v1", kind: "Rollout", name: "web" })])).toEqual([]);
  });

  it("never reaches a Deployment of the same name in another namespace", () => {
    const [rule] = defaultIgnoreRules([hpa({ kind: "Deployment", name: "web" }, "other")]);
    expect(rule && ruleApplies(rule, deployment)).toBe(false);
  });
});
