import { describe, expect, it } from "vitest";
import type { ObjectRef } from "@/lib/cache";
import type { KubeObject } from "@/lib/types";
import { configMap, comparisonOf, deployment } from "./testing/objects";
import { recallComparison, rememberComparison } from "./remembered-comparison";

/** A watch cache of plain objects: ConfigMaps and Deployments are watched. */
function cacheOf(objects: KubeObject[]) {
  const key = (ref: ObjectRef) => `${ref.kind}/${ref.metadata.namespace ?? ""}/${ref.metadata.name}`;
  const byKey = new Map(objects.map((obj) => [key(obj), obj]));
  return {
    isWatched: (ref: { kind: string }) => ref.kind === "ConfigMap" || ref.kind === "Deployment",
    get: (ref: ObjectRef) => byKey.get(key(ref)),
  };
}

describe("a remembered comparison", () => {
  const oldConfig = { ...configMap("settings"), data: { version: "1" } };
  const newConfig = { ...configMap("settings"), data: { version: "2" } };
  const web = deployment("web");
  const job: KubeObject = { apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate", namespace: "demo" } };

  function compared() {
    const comparison = comparisonOf([[oldConfig, "synced"], [web, "synced"], [job, "synced"]]);
    comparison.live = new Map([["ConfigMap/demo/settings", oldConfig], ["Deployment.apps/demo/web", web], ["Job.batch/demo/migrate", job]]);
    return comparison;
  }

  it("keeps no live object of a watched kind, only the others", () => {
    const remembered = rememberComparison(cacheOf([oldConfig, web]), "local", compared());
    expect([...remembered.comparison.live.keys()]).toEqual(["Job.batch/demo/migrate"]);
    expect([...remembered.watched.keys()]).toEqual(["ConfigMap/demo/settings", "Deployment.apps/demo/web"]);
    expect(JSON.stringify([...remembered.watched.values()])).not.toContain("version");
  });

  it("recalls the live objects as the cache holds them now, and leaves out one deleted since", () => {
    const remembered = rememberComparison(cacheOf([oldConfig, web]), "local", compared());
    const recalled = recallComparison(cacheOf([newConfig]), remembered);
    expect(recalled.live.get("ConfigMap/demo/settings")).toBe(newConfig);
    expect(recalled.live.has("Deployment.apps/demo/web")).toBe(false);
    expect(recalled.live.get("Job.batch/demo/migrate")).toBe(job);
    expect(recalled.desired).toBe(remembered.comparison.desired);
  });

  it("keeps every live object when the cluster's cache cannot be had", () => {
    const remembered = rememberComparison(undefined, "gone", compared());
    expect(remembered.watched.size).toBe(0);
    expect(recallComparison(undefined, remembered).live.size).toBe(3);
  });
});
