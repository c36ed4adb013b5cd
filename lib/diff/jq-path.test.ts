import { describe, expect, it } from "vitest";
import { JQ_SUBSET, locateJqPath, parseJqPath, type JqStep } from "./jq-path";

function steps(text: string): JqStep[] {
  const parsed = parseJqPath(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe("parseJqPath", () => {
  it.each<{ text: string; parsed: JqStep[] }>([
    { text: ".spec.replicas", parsed: [{ type: "key", key: "spec" }, { type: "key", key: "replicas" }] },
    { text: '.metadata.annotations["example.com/x"]', parsed: [{ type: "key", key: "metadata" }, { type: "key", key: "annotations" }, { type: "key", key: "example.com/x" }] },
    { text: '.data."a.b"', parsed: [{ type: "key", key: "data" }, { type: "key", key: "a.b" }] },
    { text: ".spec.ports[0].port", parsed: [{ type: "key", key: "spec" }, { type: "key", key: "ports" }, { type: "index", index: 0 }, { type: "key", key: "port" }] },
    { text: ".items[]", parsed: [{ type: "key", key: "items" }, { type: "each" }] },
    { text: '.["odd key"]', parsed: [{ type: "key", key: "odd key" }] },
    {
      text: '.spec.containers[] | select(.name == "web") | .image',
      parsed: [
        { type: "key", key: "spec" },
        { type: "key", key: "containers" },
        { type: "each" },
        { type: "select", path: [{ type: "key", key: "name" }], equals: "web" },
        { type: "key", key: "image" },
      ],
    },
    { text: ".a[] | select(.port == 80)", parsed: [{ type: "key", key: "a" }, { type: "each" }, { type: "select", path: [{ type: "key", key: "port" }], equals: 80 }] },
    { text: ".a[] | select(.on == true)", parsed: [{ type: "key", key: "a" }, { type: "each" }, { type: "select", path: [{ type: "key", key: "on" }], equals: true }] },
    { text: ".a[]|select(. == null)", parsed: [{ type: "key", key: "a" }, { type: "each" }, { type: "select", path: [], equals: null }] },
  ])("parses $text", ({ text, parsed }) => {
    expect(parseJqPath(text)).toEqual({ ok: true, value: parsed });
  });

  it.each([
    ".",
    "",
    "spec.replicas",
    '.a | select(.name != "x")',
    ".a | del(.b)",
    ".a[-1]",
    '.a[] | select(.b[] == "x")',
    'select(.name == "x")',
    ".a.",
    ".a[",
    '.a | select(.name == "x"',
    ".a | .b | @base64",
    '.a[] | select(.name == x)',
    ".a .b",
  ])("refuses %j, saying what is supported", (text) => {
    const parsed = parseJqPath(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain(`"${text}"`);
      expect(parsed.error).toContain(JQ_SUBSET);
    }
  });
});

describe("locateJqPath", () => {
  const pod = {
    spec: {
      containers: [
        { name: "web", image: "web:1", ports: [{ containerPort: 80 }] },
        { name: "sidecar", image: "proxy:2" },
      ],
      initContainers: [{ name: "injected", image: "init:1" }],
    },
    metadata: { annotations: { "example.com/x": "1", other: "2" } },
  };

  it("finds the field of the elements that select keeps", () => {
    expect(locateJqPath(pod, steps('.spec.containers[] | select(.name == "sidecar") | .image'))).toEqual([["spec", "containers", 1, "image"]]);
  });

  it("finds whole elements when the expression ends with select", () => {
    expect(locateJqPath(pod, steps('.spec.initContainers[] | select(.name == "injected")'))).toEqual([["spec", "initContainers", 0]]);
  });

  it("finds every element with [] and every value of a map", () => {
    expect(locateJqPath(pod, steps(".spec.containers[].image"))).toEqual([
      ["spec", "containers", 0, "image"],
      ["spec", "containers", 1, "image"],
    ]);
    expect(locateJqPath(pod, steps(".metadata.annotations[]"))).toEqual([
      ["metadata", "annotations", "example.com/x"],
      ["metadata", "annotations", "other"],
    ]);
  });

  it("selects by a nested field and by number", () => {
    expect(locateJqPath(pod, steps(".spec.containers[] | select(.ports[0].containerPort == 80) | .name"))).toEqual([["spec", "containers", 0, "name"]]);
  });

  it("finds nothing where the path does not exist", () => {
    expect(locateJqPath(pod, steps('.spec.containers[] | select(.name == "db") | .image'))).toEqual([]);
    expect(locateJqPath(pod, steps(".spec.volumes[0]"))).toEqual([]);
    expect(locateJqPath(pod, steps(".spec.containers[5]"))).toEqual([]);
    expect(locateJqPath(pod, steps('.metadata.annotations["absent"]'))).toEqual([]);
  });
});
