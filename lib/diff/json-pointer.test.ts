import { describe, expect, it } from "vitest";
import { locatePointer, parseJsonPointer } from "./json-pointer";

describe("parseJsonPointer", () => {
  it.each([
    { text: "/spec/replicas", tokens: ["spec", "replicas"] },
    { text: "/metadata/annotations/example.com~1owner", tokens: ["metadata", "annotations", "example.com/owner"] },
    { text: "/data/a~0b", tokens: ["data", "a~b"] },
    { text: "/data/~01", tokens: ["data", "~1"] },
    { text: "/spec/ports/0", tokens: ["spec", "ports", "0"] },
  ])("reads $text as its unescaped tokens", ({ text, tokens }) => {
    expect(parseJsonPointer(text)).toEqual({ ok: true, value: tokens });
  });

  it.each([
    { text: "", reason: "whole object" },
    { text: "spec/replicas", reason: 'must start with "/"' },
    { text: "/data/a~2", reason: '"~" not followed by 0 or 1' },
  ])("refuses $text with a sentence naming it", ({ text, reason }) => {
    const parsed = parseJsonPointer(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain(reason);
      expect(parsed.error).toContain(`"${text}"`);
    }
  });
});

describe("locatePointer", () => {
  const obj = { spec: { replicas: 3, ports: [{ port: 80 }, { port: 443 }] }, data: { "a/b": "x" } };

  it("follows map keys and list indexes to an existing field", () => {
    expect(locatePointer(obj, ["spec", "ports", "1", "port"])).toEqual(["spec", "ports", 1, "port"]);
    expect(locatePointer(obj, ["data", "a/b"])).toEqual(["data", "a/b"]);
  });

  it("answers undefined for absent fields, indexes out of range and non-numeric list tokens", () => {
    expect(locatePointer(obj, ["spec", "paused"])).toBeUndefined();
    expect(locatePointer(obj, ["spec", "ports", "2"])).toBeUndefined();
    expect(locatePointer(obj, ["spec", "ports", "01"])).toBeUndefined();
    expect(locatePointer(obj, ["spec", "ports", "-"])).toBeUndefined();
  });
});
