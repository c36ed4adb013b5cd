import { describe, expect, it } from "vitest";
import { subjectOf, keyOf } from "@/lib/types";
import { changeCount, planSync } from "./plan";
import { comparisonOf, configMap, deployment } from "./testing/objects";

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
    expect(subjects(plan.apply)).toEqual([["ConfigMap/demo/settings"], ["Deployment.apps/demo/db"], ["Deployment.apps/demo/web"]]);
    expect(subjects(plan.prune)).toEqual([["Deployment.apps/demo/gone"], ["ConfigMap/demo/old"]]);
  });

  it("marks synced objects unchanged and live ones as existing", () => {
    const plan = planSync(comparisonOf([[configMap("a"), "synced"], [configMap("b"), "missing"], [configMap("c"), "modified"]]), request);
    expect(plan.apply.flat().map((p) => [p.obj.metadata.name, p.unchanged, p.exists])).toEqual([
      ["a", true, true],
      ["b", false, false],
      ["c", false, true],
    ]);
    expect(changeCount(plan)).toBe(2);
  });

  it("keeps only the selected resources, prunes included", () => {
    const comparison = comparisonOf([[configMap("a"), "modified"], [configMap("b"), "modified"]], [configMap("old"), configMap("older")]);
    const plan = planSync(comparison, { ...request, resources: ["ConfigMap/demo/b", "ConfigMap/demo/older"] });
    expect(subjects(plan.apply)).toEqual([["ConfigMap/demo/b"]]);
    expect(subjects(plan.prune)).toEqual([["ConfigMap/demo/older"]]);
  });

  it("creates the destination namespace first unless it is a dry run", () => {
    const comparison = comparisonOf([[configMap("a"), "missing"]]);
    expect(planSync(comparison, { ...request, createNamespace: "demo" }).namespace?.metadata.name).toBe("demo");
    expect(planSync(comparison, { ...request, dryRun: true, createNamespace: "demo" }).namespace).toBeUndefined();
  });

  it("is blocked when the comparison failed and rendered nothing", () => {
    const failed = { ...comparisonOf([]), conditions: [{ type: "ComparisonError" as const, message: "kustomize failed", observedAt: "" }] };
    expect(planSync(failed, request).blockedBy).toBe("kustomize failed");
  });
});
