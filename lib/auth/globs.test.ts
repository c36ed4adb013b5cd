import { describe, expect, it } from "vitest";
import { APP_GLOB, matchesAnyGlob, matchesGlob } from "./globs";

describe("app name globs", () => {
  it.each([
    ["guestbook", "guestbook", true],
    ["guestbook", "guest", false],
    ["team-a-web", "team-a-*", true],
    ["team-b-web", "team-a-*", false],
    ["anything", "*", true],
    ["app1", "app?", true],
    ["app12", "app?", false],
    ["a.b", "a?b", true],
    ["axb", "a.b", false],
  ])("%s against %s is %s", (name, glob, expected) => {
    expect(matchesGlob(name, glob)).toBe(expected);
  });

  it("match when any glob of a list matches, and never for an empty list", () => {
    expect(matchesAnyGlob("web", ["api", "w*"])).toBe(true);
    expect(matchesAnyGlob("web", [])).toBe(false);
  });

  it("accept DNS-1123 names with wildcards and refuse other characters", () => {
    expect(APP_GLOB.test("team-*")).toBe(true);
    expect(APP_GLOB.test("*")).toBe(true);
    expect(APP_GLOB.test("Team")).toBe(false);
    expect(APP_GLOB.test("a/b")).toBe(false);
  });
});
