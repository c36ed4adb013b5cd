import { describe, expect, it } from "vitest";
import { containsText, dialectOf } from "./dialect";

describe("dialectOf", () => {
  it.each([
    ["file:.data/lockstep.db", "sqlite"],
    ["file:///var/lib/lockstep/lockstep.db", "sqlite"],
    ["postgresql://lockstep:secret@db:5432/lockstep", "postgresql"],
    ["postgres://db/lockstep?sslmode=require", "postgresql"],
    ["POSTGRESQL://db/lockstep", "postgresql"],
  ] as const)("reads %s as %s", (url, dialect) => {
    expect(dialectOf(url)).toBe(dialect);
  });

  it.each([
    ["mysql://root:hunter2@db/lockstep", 'got a "mysql:" URL.'],
    ["postgresql:/db", 'got a "postgresql:" URL.'],
    ["hunter2", "got a value that is not a URL."],
  ])("refuses %s in one sentence naming only its scheme", (url, ending) => {
    expect(() => dialectOf(url)).toThrow(expect.objectContaining({ kind: "misconfigured" }));
    const message = (() => {
      try {
        dialectOf(url);
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message.endsWith(ending)).toBe(true);
    expect(message).not.toContain("hunter2");
  });
});

describe("containsText", () => {
  it("asks PostgreSQL to ignore case and leaves SQLite's LIKE as it is", () => {
    expect(containsText("postgresql", "Web")).toEqual({ contains: "Web", mode: "insensitive" });
    expect(containsText("sqlite", "Web")).toEqual({ contains: "Web" });
  });
});
