import { describe, expect, it } from "vitest";
import type { FieldPath } from "./field-path";
import { changedFields } from "./paths";

const pod = (containers: unknown[]) => ({ spec: { template: { spec: { containers } } } });
const containers = ["spec", "template", "spec", "containers"] as const;

describe("changedFields", () => {
  it.each<{ name: string; a: unknown; b: unknown; paths: FieldPath[] }>([
    { name: "equal objects have no changed paths", a: { spec: { replicas: 2 } }, b: { spec: { replicas: 2 } }, paths: [] },
    { name: "a changed scalar is named by its path", a: { spec: { replicas: 2 } }, b: { spec: { replicas: 3 } }, paths: [["spec", "replicas"]] },
    {
      name: "an added label is named by its key",
      a: { metadata: { labels: {} } },
      b: { metadata: { labels: { app: "web" } } },
      paths: [["metadata", "labels", "app"]],
    },
    {
      name: "a subtree present on one side only is named once, at its root",
      a: { metadata: {} },
      b: { metadata: { labels: { app: "web", tier: "front" } } },
      paths: [["metadata", "labels"]],
    },
    {
      name: "a key with dots or slashes is one segment",
      a: { metadata: { annotations: { "lockstep.dev/x": "1" } } },
      b: { metadata: { annotations: { "lockstep.dev/x": "2" } } },
      paths: [["metadata", "annotations", "lockstep.dev/x"]],
    },
    {
      name: "list elements with a name are matched by name",
      a: pod([{ name: "metrics", image: "m:1" }, { name: "web", image: "nginx:1.25" }]),
      b: pod([{ name: "metrics", image: "m:1" }, { name: "web", image: "nginx:1.27" }]),
      paths: [[...containers, { name: "web" }, "image"]],
    },
    {
      name: "an added named element is named by its name",
      a: pod([{ name: "web", image: "nginx" }]),
      b: pod([{ name: "web", image: "nginx" }, { name: "sidecar", image: "envoy" }]),
      paths: [[...containers, { name: "sidecar" }]],
    },
    {
      name: "named elements that only changed order are reported at the list",
      a: pod([{ name: "a" }, { name: "b" }]),
      b: pod([{ name: "b" }, { name: "a" }]),
      paths: [[...containers]],
    },
    {
      name: "lists without names are matched by index",
      a: { spec: { rules: [{ host: "a.example" }, { host: "b.example" }] } },
      b: { spec: { rules: [{ host: "a.example" }, { host: "c.example" }] } },
      paths: [["spec", "rules", 1, "host"]],
    },
    {
      name: "lists where a name repeats are matched by index",
      a: { items: [{ name: "x", v: 1 }, { name: "x", v: 2 }] },
      b: { items: [{ name: "x", v: 1 }, { name: "x", v: 3 }] },
      paths: [["items", 1, "v"]],
    },
    {
      name: "paths are sorted, indexes numerically",
      a: { args: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], kind: "A" },
      b: { args: ["0", "1", "x", "3", "4", "5", "6", "7", "8", "9", "y"], kind: "B" },
      paths: [["args", 2], ["args", 10], ["kind"]],
    },
    { name: "a changed type is a change", a: { spec: { port: 80 } }, b: { spec: { port: "80" } }, paths: [["spec", "port"]] },
  ])("$name", ({ a, b, paths }) => {
    expect(changedFields(a, b)).toEqual(paths);
  });

  it("treats a missing side as an empty object", () => {
    expect(changedFields(undefined, { kind: "Service", spec: {} })).toEqual([["kind"], ["spec"]]);
  });
});
