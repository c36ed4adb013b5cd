import { describe, expect, it } from "vitest";
import { StringPool } from "./string-pool";

describe("StringPool", () => {
  it("gives equal short values of different objects one shared copy and leaves the objects equal", () => {
    const pool = new StringPool();
    const a = JSON.parse('{"apiVersion":"apps/v1","metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"web:1"}]}}') as Record<string, unknown>;
    const b = JSON.parse('{"apiVersion":"apps/v1","metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"web:1"}]}}') as Record<string, unknown>;
    const copy = structuredClone(b);
    pool.share(a);
    pool.share(b);
    expect(b).toEqual(copy);
    expect(pool.size).toBe(3);
  });

  it("skips long strings and frozen parts", () => {
    const pool = new StringPool();
    const frozen = Object.freeze({ kept: "x" });
    pool.share({ message: "m".repeat(500), shared: frozen, list: ["a", "a"] });
    expect(pool.size).toBe(1);
    expect(frozen.kept).toBe("x");
  });
});
