import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { compareResource, diffTextOf } from "./compare";
import { ignoreBasis, ignoredLocations, ignoringNormalizer, rulesFor } from "./ignore";
import { defaultIgnoreRules, type IgnoreRule } from "./ignore-rules";

const key = { group: "apps", kind: "Deployment", namespace: "demo", name: "web" };

function deployment(replicas: number, image = "web:1", extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "demo", ...extra },
    spec: { replicas, template: { spec: { containers: [{ name: "web", image }, { name: "proxy", image: "proxy:1" }] } } },
  };
}

const hpa: KubeObject = {
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "web", namespace: "demo" },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" } },
};

function compareWith(rules: IgnoreRule[], predicted: KubeObject, live: KubeObject) {
  const applying = rulesFor(rules, predicted);
  return compareResource({ key, desired: predicted, predicted, live, normalizer: ignoringNormalizer(applying, live) });
}

describe("comparing under ignoreDifferences", () => {
  it("keeps a Deployment an HPA scaled Synced, with no diff, under the built-in default", () => {
    const diff = compareWith(defaultIgnoreRules([hpa]), deployment(2), deployment(5));
    expect(diff).toMatchObject({ status: "Synced", state: "synced", changedFields: [] });
    expect(diffTextOf(diff)).toBe("");
  });

  it("still reports the same change without an HPA", () => {
    const diff = compareWith(defaultIgnoreRules([]), deployment(2), deployment(5));
    expect(diff.status).toBe("OutOfSync");
    expect(diff.changedFields).toEqual([["spec", "replicas"]]);
  });

  it("still reports other drift of the scaled Deployment, and not its replicas", () => {
    const diff = compareWith(defaultIgnoreRules([hpa]), deployment(2, "web:2"), deployment(5, "web:1"));
    expect(diff.changedFields).toEqual([["spec", "template", "spec", "containers", { name: "web" }, "image"]]);
    expect(diffTextOf(diff)).not.toContain("replicas");
  });

  it("ignores a container field by a jq expression, and only in the selected container", () => {
    const rules: IgnoreRule[] = [{ group: "apps", kind: "Deployment", jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "web") | .image'] }];
    expect(compareWith(rules, deployment(2, "web:2"), deployment(2, "web:1")).status).toBe("Synced");
    const live = deployment(2);
    (live.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[1]!.image = "proxy:9";
    expect(compareWith(rules, deployment(2), live).changedFields).toEqual([["spec", "template", "spec", "containers", { name: "proxy" }, "image"]]);
  });

  it("ignores a ConfigMap key by JSON pointer, present on one side only", () => {
    const configMap = (data: Record<string, string>): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "demo" }, data });
    const rules: IgnoreRule[] = [{ kind: "ConfigMap", name: "settings", jsonPointers: ["/data/generated"] }];
    const diff = compareResource({ key: { ...key, group: "", kind: "ConfigMap", name: "settings" }, desired: configMap({ a: "1" }), predicted: configMap({ a: "1" }), live: configMap({ a: "1", generated: "x" }), normalizer: ignoringNormalizer(rules, undefined) });
    expect(diff.status).toBe("Synced");
  });

  it("ignores what a named field manager owns in the live object, on both sides", () => {
    const managedFields = [
      { manager: "lockstep", operation: "Apply", fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:replicas": {} } } },
      { manager: "rollouts", operation: "Update", fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:image": {} } } } } } } },
    ];
    const live = deployment(2, "web:9", { managedFields });
    const rules: IgnoreRule[] = [{ group: "apps", kind: "Deployment", managedFieldsManagers: ["rollouts"] }];
    expect(compareWith(rules, deployment(2, "web:1"), live).status).toBe("Synced");
    expect(compareWith(rules, deployment(3, "web:1"), live).changedFields).toEqual([["spec", "replicas"]]);
  });

  it("never ignores an object's identity, even when told to", () => {
    const rules: IgnoreRule[] = [{ group: "apps", kind: "Deployment", jsonPointers: ["/metadata", "/metadata/name", "/kind", "/spec"] }];
    expect(ignoredLocations(deployment(1), rules, undefined)).toEqual([["spec"]]);
  });

  it("applies rules only to the objects they name", () => {
    const rules: IgnoreRule[] = [{ group: "apps", kind: "Deployment", name: "api", jsonPointers: ["/spec/replicas"] }];
    expect(compareWith(rules, deployment(2), deployment(5)).status).toBe("OutOfSync");
  });
});

describe("ignoreBasis", () => {
  const rules: IgnoreRule[] = [{ group: "apps", kind: "Deployment", managedFieldsManagers: ["rollouts"] }];
  const owned = (fieldsV1: Record<string, unknown>) => deployment(1, "web:1", { managedFields: [{ manager: "rollouts", time: "2026-01-01T00:00:00Z", fieldsV1 }] });

  it("is empty without rules", () => {
    expect(ignoreBasis([], deployment(1))).toBe("");
  });

  it("changes with the rules and with what the named managers own, not with their timestamps", () => {
    const a = owned({ "f:spec": { "f:replicas": {} } });
    const later = structuredClone(a);
    (later.metadata.managedFields as { time: string }[])[0]!.time = "2026-02-01T00:00:00Z";
    expect(ignoreBasis(rules, later)).toBe(ignoreBasis(rules, a));
    expect(ignoreBasis(rules, owned({ "f:spec": { "f:paused": {} } }))).not.toBe(ignoreBasis(rules, a));
    expect(ignoreBasis([{ ...rules[0]!, managedFieldsManagers: ["other"] }], a)).not.toBe(ignoreBasis(rules, a));
  });
});
