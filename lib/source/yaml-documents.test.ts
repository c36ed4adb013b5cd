import { describe, expect, it } from "vitest";

import { aliasExpansion, parseYamlDocuments } from "./yaml-documents";

const configMap = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n${data}`;

/** The `data` of the one document a text holds. */
function dataOf(text: string): unknown {
  const [first, ...rest] = parseYamlDocuments(text, "settings.yaml");
  expect(rest).toEqual([]);
  return (first?.value as { data?: unknown }).data;
}

function errorOf(text: string): string {
  try {
    parseYamlDocuments(text, "settings.yaml");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the text to be refused");
}

describe("a YAML scalar", () => {
  it.each<{ text: string; value: unknown }>([
    { text: "0644", value: 420 },
    { text: "0x1F", value: 31 },
    { text: "1_000", value: 1000 },
    { text: "08", value: 8 },
    { text: "1e3", value: 1000 },
    { text: ".5", value: 0.5 },
    { text: "on", value: true },
    { text: "No", value: false },
    { text: "~", value: null },
    { text: "1:20", value: "1:20" },
    { text: "2025-01-01", value: "2025-01-01" },
    { text: "2025-01-01T10:00:00Z", value: "2025-01-01T10:00:00Z" },
    { text: ".", value: "." },
    { text: "e3", value: "e3" },
    { text: '"0644"', value: "0644" },
  ])("$text is read as kubectl reads it", ({ text, value }) => {
    expect(dataOf(configMap(`  v: ${text}\n`))).toEqual({ v: value });
  });

  it("stays a string in a container's arguments when it is a lone dot", () => {
    const [pod] = parseYamlDocuments("kind: Pod\nspec:\n  containers:\n  - args: [build, .]\n", "pod.yaml");
    expect(pod?.value).toEqual({ kind: "Pod", spec: { containers: [{ args: ["build", "."] }] } });
  });
});

describe("YAML structure", () => {
  it("expands an alias and a merge key into copies of what they name", () => {
    const text = configMap("  base: &base {a: '1', b: '2'}\n  copy: *base\n  merged:\n    <<: *base\n    b: '3'\n");
    expect(dataOf(text)).toEqual({ base: { a: "1", b: "2" }, copy: { a: "1", b: "2" }, merged: { a: "1", b: "3" } });
  });

  it("names each document of a stream, empty ones included", () => {
    const documents = parseYamlDocuments(`---\na: 1\n---\n# nothing\n---\nb: 2\n...\n`, "three.yaml");
    expect(documents).toEqual([
      { value: { a: 1 }, name: "three.yaml (document 1)" },
      { value: null, name: "three.yaml (document 2)" },
      { value: { b: 2 }, name: "three.yaml (document 3)" },
    ]);
  });

  it.each([
    { name: "a flow mapping closed at its key's indentation", text: "data:\n  config: {\n    \"a\": 1\n  }\n", value: { data: { config: { a: 1 } } } },
    { name: "an unknown local tag", text: "data:\n  a: !Ref b\n", value: { data: { a: "b" } } },
  ])("reads what kubectl accepts and the fast parser refuses: $name", ({ text, value }) => {
    expect(parseYamlDocuments(text, "f.yaml")).toEqual([{ value, name: "f.yaml" }]);
  });

  it("refuses aliases that expand exponentially", () => {
    const bomb = configMap("  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n");
    expect(errorOf(bomb)).toBe("settings.yaml: YAML aliases expand too much (refused as a resource exhaustion attack)");
  });

  it("names the reason, line and column of invalid YAML without quoting a value", () => {
    const message = errorOf(configMap("  password: hunter2-canary\n  password: hunter2-canary\n"));
    expect(message).toMatch(/^invalid YAML in settings\.yaml: .+ at line 6, column 3$/);
    expect(message).not.toMatch(/hunter|canary/);
  });
});

describe("aliasExpansion", () => {
  it("counts the nodes shared objects add, and an object inside itself as infinite", () => {
    const shared = { a: 1, b: [2, 3] };
    expect(aliasExpansion({ x: shared })).toBe(0);
    expect(aliasExpansion({ x: shared, y: shared, z: [shared] })).toBe(10);
    const loop: unknown[] = [];
    loop.push(loop);
    expect(aliasExpansion(loop)).toBe(Infinity);
    expect(aliasExpansion("plain")).toBe(0);
  });
});
