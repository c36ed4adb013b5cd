import { describe, expect, it } from "vitest";
import { subjectOf, keyOf } from "@/lib/types";
import { applySteps, changeCount, planSync } from "./plan";
import { comparisonOf, configMap, deployment } from "./testing/objects";
import type { KubeObject } from "@/lib/types";

function hookJob(annotations: Record<string, string>, metadata: { name: string; generateName?: string } = { name: "migrate" }): KubeObject {
  return { apiVersion: "batch/v1", kind: "Job", metadata: { namespace: "demo", ...metadata, annotations: { ...annotations, "lockstep.dev/tracking-id": `shop:batch/Job:demo/${metadata.name}` } }, spec: {} };
}

const subjects = (steps: { obj?: unknown }[][] | unknown[][]) =>
  steps.map((step) => step.map((entry) => subjectOf(keyOf(((entry as { obj?: unknown }).obj ?? entry) as Parameters<typeof keyOf>[0]))));

describe("planSync", () => {
  const request = { dryRun: false, prune: true, resources: [] };

  it("orders applies in steps by kind and wave, and prunes in the reverse order", () => {
    const comparison = comparisonOf(
      [
        [deployment("web", "demo", 1), "missing"],
        [configMap("settings"), "modified"],
        [deployment("db", "demo", 0), "synced"],
      ],
      [configMap("old"), deployment("gone")],
    );
    const plan = planSync(comparison, request);
    expect(subjects(applySteps(plan))).toEqual([["ConfigMap/demo/settings"], ["Deployment.apps/demo/db"], ["Deployment.apps/demo/web"]]);
    expect(subjects(plan.prune)).toEqual([["Deployment.apps/demo/gone"], ["ConfigMap/demo/old"]]);
  });

  it("marks synced objects unchanged and live ones as existing", () => {
    const plan = planSync(comparisonOf([[configMap("a"), "synced"], [configMap("b"), "missing"], [configMap("c"), "modified"]]), request);
    expect(applySteps(plan).flat().map((p) => [p.obj.metadata.name, p.unchanged, p.exists])).toEqual([
      ["a", true, true],
      ["b", false, false],
      ["c", false, true],
    ]);
    expect(changeCount(plan)).toBe(2);
  });

  it("keeps only the selected resources, prunes included", () => {
    const comparison = comparisonOf([[configMap("a"), "modified"], [configMap("b"), "modified"]], [configMap("old"), configMap("older")]);
    const plan = planSync(comparison, { ...request, resources: ["ConfigMap/demo/b", "ConfigMap/demo/older"] });
    expect(subjects(applySteps(plan))).toEqual([["ConfigMap/demo/b"]]);
    expect(subjects(plan.prune)).toEqual([["ConfigMap/demo/older"]]);
  });

  it("creates the destination namespace first unless it is a dry run", () => {
    const comparison = comparisonOf([[configMap("a"), "missing"]]);
    expect(planSync(comparison, { ...request, createNamespace: "demo" }).namespaces.map((n) => n.metadata.name)).toEqual(["demo"]);
    expect(planSync(comparison, { ...request, dryRun: true, createNamespace: "demo" }).namespaces).toEqual([]);
  });

  it("is blocked when the comparison failed and rendered nothing", () => {
    const failed = { ...comparisonOf([]), conditions: [{ type: "ComparisonError" as const, message: "kustomize failed", observedAt: "" }] };
    expect(planSync(failed, request).blockedBy).toBe("kustomize failed");
  });

  it("puts hooks in their phases around the Sync phase, and SyncFail hooks aside", () => {
    const comparison = comparisonOf([
      [hookJob({ "argocd.argoproj.io/hook": "PostSync" }, { name: "smoke" }), "missing"],
      [configMap("settings"), "synced"],
      [hookJob({ "argocd.argoproj.io/hook": "PreSync" }), "missing"],
      [hookJob({ "lockstep.dev/hook": "SyncFail" }, { name: "report" }), "missing"],
      [configMap("ignored", "demo", { metadata: { name: "ignored", namespace: "demo", annotations: { "argocd.argoproj.io/hook": "Skip" } } }), "missing"],
    ]);
    const plan = planSync(comparison, request);
    expect(plan.waves.map((w) => [w.phase, w.wave, w.steps.flat().map((p) => p.obj.metadata.name)])).toEqual([
      ["PreSync", 0, ["migrate"]],
      ["Sync", 0, ["settings"]],
      ["PostSync", 0, ["smoke"]],
    ]);
    expect(plan.syncFail.flatMap((w) => w.steps.flat().map((p) => p.obj.metadata.name))).toEqual(["report"]);
    expect(changeCount(plan)).toBe(2);
  });

  it("maps Helm's hooks and weights, and skips Helm test hooks", () => {
    const comparison = comparisonOf([
      [hookJob({ "helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-weight": "-5" }, { name: "schema" }), "missing"],
      [hookJob({ "helm.sh/hook": "post-install", "helm.sh/hook-delete-policy": "hook-succeeded" }, { name: "notify" }), "missing"],
      [hookJob({ "helm.sh/hook": "test" }, { name: "test-connection" }), "missing"],
      [hookJob({ "helm.sh/hook": "pre-install", "argocd.argoproj.io/hook": "PostSync" }, { name: "argo-wins" }), "missing"],
    ]);
    const plan = planSync(comparison, request);
    expect(plan.waves.map((w) => [w.phase, w.wave, w.steps.flat().map((p) => [p.obj.metadata.name, p.hook?.deletePolicies])])).toEqual([
      ["PreSync", -5, [["schema", ["BeforeHookCreation"]]]],
      ["PostSync", 0, [["argo-wins", ["BeforeHookCreation"]], ["notify", ["HookSucceeded"]]]],
    ]);
    expect(comparison.resources).toHaveLength(4);
    expect(plan.skippedHooks).toEqual([]);
  });

  it("names generateName hooks for this sync and phase, tracking them under that name", () => {
    const generated = hookJob({ "argocd.argoproj.io/hook": "PreSync,PostSync" }, { name: "db-migrate-", generateName: "db-migrate-" });
    const plan = planSync(comparisonOf([[generated, "missing"]]), { ...request, hookSuffix: "1a2b3c4-1764460800" });
    const names = plan.waves.map((w) => w.steps.flat()[0]?.obj.metadata);
    expect(names.map((m) => m?.name)).toEqual(["db-migrate-1a2b3c4-1764460800-presync", "db-migrate-1a2b3c4-1764460800-postsync"]);
    expect(names[0]?.generateName).toBeUndefined();
    expect(names[0]?.annotations?.["lockstep.dev/tracking-id"]).toBe("shop:batch/Job:demo/db-migrate-1a2b3c4-1764460800-presync");
  });

  it("runs no hook in a dry run or a selective sync, noting them skipped", () => {
    const comparison = comparisonOf([[hookJob({ "argocd.argoproj.io/hook": "PreSync" }), "missing"], [configMap("a"), "modified"]]);
    for (const plan of [planSync(comparison, { ...request, dryRun: true }), planSync(comparison, { ...request, resources: ["ConfigMap/demo/a"] })]) {
      expect(plan.waves.map((w) => w.phase)).toEqual(["Sync"]);
      expect(plan.skippedHooks.map((h) => h.metadata.name)).toEqual(["migrate"]);
    }
  });

  it("creates the namespace of CreateNamespace=true objects first, unless the app declares it", () => {
    const elsewhere = configMap("x", "reports", { metadata: { name: "x", namespace: "reports", annotations: { "argocd.argoproj.io/sync-options": "CreateNamespace=true" } } });
    const declared = configMap("y", "shop", { metadata: { name: "y", namespace: "shop", annotations: { "argocd.argoproj.io/sync-options": "CreateNamespace=true" } } });
    const shop: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } };
    const plan = planSync(comparisonOf([[elsewhere, "missing"], [declared, "missing"], [shop, "missing"]]), request);
    expect(plan.namespaces.map((n) => n.metadata.name)).toEqual(["reports"]);
  });
});
