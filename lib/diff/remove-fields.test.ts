import { describe, expect, it } from "vitest";
import { locateFieldSet, removeLocations } from "./remove-fields";

describe("removeLocations", () => {
  it("removes several list elements without shifting the others' indexes, and leaves the input alone", () => {
    const obj = { list: ["a", "b", "c", "d"] };
    expect(removeLocations(obj, [["list", 1], ["list", 3]])).toEqual({ list: ["a", "c"] });
    expect(obj.list).toHaveLength(4);
  });

  it("removes maps and lists the removal left empty, up to the root", () => {
    const obj = { metadata: { name: "x" }, spec: { template: { metadata: { annotations: { a: "1" } } }, tolerations: [{ key: "k" }] } };
    expect(removeLocations(obj, [["spec", "template", "metadata", "annotations", "a"], ["spec", "tolerations", 0]])).toEqual({ metadata: { name: "x" } });
  });

  it("keeps a parent that still holds other fields", () => {
    expect(removeLocations({ data: { a: "1", b: "2" } }, [["data", "a"]])).toEqual({ data: { b: "2" } });
  });

  it("ignores a location inside an element already removed", () => {
    expect(removeLocations({ list: [{ name: "a", image: "x" }] }, [["list", 0], ["list", 0, "image"]])).toEqual({});
  });
});

describe("locateFieldSet", () => {
  const deployment = {
    metadata: { annotations: { mine: "1", theirs: "2" } },
    spec: {
      replicas: 5,
      template: {
        spec: {
          containers: [
            { name: "web", image: "web:1", resources: { limits: { cpu: "1" } } },
            { name: "sidecar", image: "proxy:1" },
          ],
          finalizers: ["a", "b"],
        },
      },
    },
  };

  it("finds leaves by f: keys and list elements by k:, v: and i:", () => {
    const set = {
      "f:metadata": { "f:annotations": { ".": {}, "f:theirs": {} } },
      "f:spec": {
        "f:replicas": {},
        "f:template": {
          "f:spec": {
            "f:containers": { 'k:{"name":"web"}': { "f:resources": { "f:limits": { "f:cpu": {} } } } },
            "f:finalizers": { 'v:"b"': {} },
          },
        },
      },
    };
    expect(locateFieldSet(deployment, set)).toEqual([
      ["metadata", "annotations", "theirs"],
      ["spec", "replicas"],
      ["spec", "template", "spec", "containers", 0, "resources", "limits", "cpu"],
      ["spec", "template", "spec", "finalizers", 1],
    ]);
  });

  it("takes a list element the manager owns whole (with '.') as a whole", () => {
    const set = { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"sidecar"}': { ".": {}, "f:name": {}, "f:image": {} } } } } } };
    expect(locateFieldSet(deployment, set)).toEqual([["spec", "template", "spec", "containers", 1]]);
  });

  it("skips fields the object does not have", () => {
    expect(locateFieldSet(deployment, { "f:spec": { "f:paused": {}, "f:template": { "f:spec": { "f:containers": { 'k:{"name":"db"}': {} }, "f:finalizers": { "i:7": {} } } } } })).toEqual([]);
  });
});
