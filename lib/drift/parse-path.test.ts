import { describe, expect, it } from "vitest";
import { formatFieldPath, type PathSegment } from "@/lib/diff/field-path";
import { parseFieldPath } from "./parse-path";

describe("parseFieldPath", () => {
  const cases: { text: string; segments: PathSegment[] }[] = [
    { text: "spec.replicas", segments: ["spec", "replicas"] },
    { text: "spec.template.spec.containers[name=web].image", segments: ["spec", "template", "spec", "containers", { name: "web" }, "image"] },
    { text: 'metadata.annotations["lockstep.dev/x"]', segments: ["metadata", "annotations", "lockstep.dev/x"] },
    { text: "spec.ports[0].port", segments: ["spec", "ports", 0, "port"] },
    { text: 'spec.containers[name="we b"].env[name=A_B].value', segments: ["spec", "containers", { name: "we b" }, "env", { name: "A_B" }, "value"] },
    { text: '["odd key"].x', segments: ["odd key", "x"] },
  ];

  it.each(cases)("reads $text", ({ text, segments }) => {
    expect(parseFieldPath(text)).toEqual(segments);
  });

  it.each(cases)("is the inverse of formatFieldPath for $text", ({ segments }) => {
    expect(parseFieldPath(formatFieldPath(segments))).toEqual(segments);
  });

  it("rejects a path that is not in Lockstep's notation with a sentence naming it", () => {
    expect(() => parseFieldPath("spec..replicas")).toThrow(/field path "spec\.\.replicas"/);
    expect(() => parseFieldPath("spec.ports[x]")).toThrow(/Bad list index/);
  });
});
