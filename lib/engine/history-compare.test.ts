import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { compareManifestSets } from "./history-compare";

const deployment = (image: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: { template: { spec: { containers: [{ name: "web", image }] } } },
});
const configMap = (name: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "shop" }, data: { a: "1" } });
const secret = (password: string): KubeObject => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "creds", namespace: "shop" }, stringData: { password } });
const labels = { from: "abc1234", to: "def5678" };

describe("compareManifestSets", () => {
  it("reports added, removed, changed and unchanged resources, sorted by subject", () => {
    const diffs = compareManifestSets([deployment("web:1.0"), configMap("old"), configMap("same")], [deployment("web:1.1"), configMap("new"), configMap("same")], labels);
    expect(diffs.map((d) => [d.subject, d.change])).toEqual([
      ["ConfigMap/shop/new", "added"],
      ["ConfigMap/shop/old", "removed"],
      ["ConfigMap/shop/same", "unchanged"],
      ["Deployment.apps/shop/web", "changed"],
    ]);
  });

  it("gives a changed resource its field paths and a unified diff labelled with both entries", () => {
    const [diff] = compareManifestSets([deployment("web:1.0")], [deployment("web:1.1")], labels);
    expect(diff?.changedPaths).toEqual(["spec.template.spec.containers[name=web].image"]);
    expect(diff?.diff).toContain("--- abc1234/Deployment.apps/shop/web");
    expect(diff?.diff).toContain("+++ def5678/Deployment.apps/shop/web");
    expect(diff?.diff).toContain("-          image: web:1.0");
    expect(diff?.diff).toContain("+          image: web:1.1");
  });

  it("never shows a Secret's value, yet shows that it changed", () => {
    const [diff] = compareManifestSets([secret("hunter2-old")], [secret("hunter2-new")], labels);
    expect(diff?.change).toBe("changed");
    for (const value of ["hunter2-old", "hunter2-new", Buffer.from("hunter2-old").toString("base64"), Buffer.from("hunter2-new").toString("base64")]) {
      expect(diff?.diff).not.toContain(value);
    }
    expect(diff?.diff).toContain("password: ++++++++");
  });

  it("leaves an unchanged resource without a diff", () => {
    const [diff] = compareManifestSets([configMap("same")], [configMap("same")], labels);
    expect(diff).toEqual({ subject: "ConfigMap/shop/same", change: "unchanged", changedPaths: [], diff: "" });
  });
});
