import { describe, expect, it } from "vitest";
import { compareFieldPaths, formatFieldPath, type FieldPath } from "./field-path";

describe("formatFieldPath", () => {
  it.each<{ path: FieldPath; text: string }>([
    { path: ["spec", "replicas"], text: "spec.replicas" },
    { path: ["spec", "template", "spec", "containers", { name: "web" }, "image"], text: "spec.template.spec.containers[name=web].image" },
    { path: ["metadata", "annotations", "lockstep.dev/x"], text: 'metadata.annotations["lockstep.dev/x"]' },
    { path: ["data", ".dockerconfigjson"], text: 'data[".dockerconfigjson"]' },
    { path: ["spec", "ports", 0, "port"], text: "spec.ports[0].port" },
    { path: ["env", { name: "A B" }, "value"], text: 'env[name="A B"].value' },
    { path: ["spec", "containers", { name: "web" }, "env", { name: "A_B" }, "value"], text: "spec.containers[name=web].env[name=A_B].value" },
    { path: ["odd key", "x"], text: '["odd key"].x' },
    { path: [], text: "" },
  ])("prints $text", ({ path, text }) => {
    expect(formatFieldPath(path)).toBe(text);
  });
});

describe("compareFieldPaths", () => {
  it("orders list indexes numerically, so [2] comes before [10]", () => {
    const paths: FieldPath[] = [["args", 10], ["args", 2], ["kind"]];
    expect([...paths].sort(compareFieldPaths)).toEqual([["args", 2], ["args", 10], ["kind"]]);
  });

  it("puts a path before the paths below it", () => {
    expect(compareFieldPaths(["spec"], ["spec", "replicas"])).toBeLessThan(0);
    expect(compareFieldPaths(["spec", "replicas"], ["spec", "replicas"])).toBe(0);
  });
});
