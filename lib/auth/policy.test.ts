import { describe, expect, it } from "vitest";
import { ACCESS_RULES, findAccessRule, findServerActionRule, requirementOf } from "./policy";

describe("the access policy", () => {
  it("finds the rule of a route and the app it names", () => {
    const match = findAccessRule("POST", "/api/apps/web/sync");
    expect(match?.rule.permission).toBe("deployer");
    expect(requirementOf(match!)).toEqual({ permission: "deployer", app: "web" });
  });

  it("has no rule for a method a route does not list, nor for an unknown route", () => {
    expect(findAccessRule("PUT", "/api/apps/web/sync")).toBeUndefined();
    expect(findAccessRule("GET", "/api/not-a-route")).toBeUndefined();
    expect(findAccessRule("DELETE", "/api/audit")).toBeUndefined();
  });

  it("judges HEAD and OPTIONS as GET", () => {
    expect(findAccessRule("HEAD", "/api/apps")?.rule.permission).toBe("viewer");
    expect(findAccessRule("OPTIONS", "/api/apps/web")?.rule.permission).toBe("viewer");
  });

  it("prefers a literal page over a parameter, as Next.js routing does", () => {
    expect(findAccessRule("GET", "/apps/new")?.rule.permission).toBe("admin");
    expect(findAccessRule("GET", "/apps/web")?.rule.permission).toBe("viewer");
  });

  it("requires at least viewer for server actions, and the page's permission when stronger", () => {
    expect(findServerActionRule("/apps/web")?.rule.permission).toBe("viewer");
    expect(findServerActionRule("/apps/new")?.rule.permission).toBe("admin");
    expect(findServerActionRule("/login")?.rule.permission).toBe("viewer");
    expect(findServerActionRule("/nowhere")).toBeUndefined();
  });

  it("says why every anonymous rule is anonymous", () => {
    for (const rule of ACCESS_RULES.filter((r) => r.permission === "anonymous")) expect(rule.note, rule.pattern).toBeTruthy();
  });
});
