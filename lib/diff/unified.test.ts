import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { sideBySide, toYaml, unifiedDiff } from "./unified";

const configMap = (data: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "settings", namespace: "shop" },
  data,
});

describe("unifiedDiff", () => {
  const subject = "ConfigMap/shop/settings";

  it("is empty when both sides print the same", () => {
    expect(unifiedDiff({ subject, before: configMap({ a: "1" }), after: configMap({ a: "1" }) })).toBe("");
  });

  it("names live and desired in its header and shows both values", () => {
    const diff = unifiedDiff({ subject, before: configMap({ a: "1", b: "2" }), after: configMap({ a: "1", b: "3" }) });
    const lines = diff.split("\n");
    expect(lines[0]).toBe("--- live/ConfigMap/shop/settings");
    expect(lines[1]).toBe("+++ desired/ConfigMap/shop/settings");
    expect(lines).toContain('-  b: "2"');
    expect(lines).toContain('+  b: "3"');
  });

  it("adds every line when the live side is missing", () => {
    const diff = unifiedDiff({ subject, before: undefined, after: configMap({ a: "1" }) });
    const body = diff.split("\n").slice(3).filter(Boolean);
    expect(body.every((line) => line.startsWith("+"))).toBe(true);
  });

  it("keeps the objects' key order and never folds long lines", () => {
    const long = "x ".repeat(80).trim();
    const text = toYaml({ kind: "ConfigMap", apiVersion: "v1", metadata: { name: "n" }, data: { long } });
    expect(text.split("\n")[0]).toBe("kind: ConfigMap");
    expect(text).toContain(`long: ${long}\n`);
  });
});

describe("sideBySide", () => {
  it("pairs a changed line, and shows added and unchanged lines", () => {
    const rows = sideBySide(configMap({ a: "1" }), configMap({ a: "2", b: "3" }));
    expect(rows.filter((row) => row.kind !== "same")).toEqual([
      { kind: "changed", left: '  a: "1"', right: '  a: "2"', leftLine: 7, rightLine: 7 },
      { kind: "added", right: '  b: "3"', rightLine: 8 },
    ]);
    expect(rows[0]).toEqual({ kind: "same", left: "apiVersion: v1", right: "apiVersion: v1", leftLine: 1, rightLine: 1 });
  });

  it("shows every line as removed when the desired side is missing", () => {
    const rows = sideBySide(configMap({ a: "1" }), undefined);
    expect(rows.length).toBe(7);
    expect(rows.every((row) => row.kind === "removed" && row.right === undefined)).toBe(true);
  });
});
