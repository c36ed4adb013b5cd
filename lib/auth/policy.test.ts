import { describe, expect, it } from "vitest";
import { createAccessPolicy, PAGE_RULES, requirementOf, type AccessRule } from "./policy";

const API_RULES: AccessRule[] = [
  { methods: ["GET"], pattern: "/api/apps", permission: "viewer" },
  { methods: ["GET"], pattern: "/api/apps/[name]", permission: "viewer", appParam: "name" },
  { methods: ["POST"], pattern: "/api/apps/[name]/sync", permission: "deployer", appParam: "name", action: "app.sync" },
  { methods: ["GET"], pattern: "/api/audit", permission: "viewer" },
];
const policy = createAccessPolicy([...API_RULES, ...PAGE_RULES]);

describe("the access policy", () => {
  it("finds the rule of a route and the app it names", () => {
    const match = policy.find("POST", "/api/apps/web/sync");
    expect(match?.rule.permission).toBe("deployer");
    expect(requirementOf(match!)).toEqual({ permission: "deployer", app: "web" });
  });

  it("has no rule for a method a route does not list, nor for an unknown route", () => {
    expect(policy.find("PUT", "/api/apps/web/sync")).toBeUndefined();
    expect(policy.find("GET", "/api/not-a-route")).toBeUndefined();
    expect(policy.find("DELETE", "/api/audit")).toBeUndefined();
  });

  it("judges HEAD and OPTIONS as GET", () => {
    expect(policy.find("HEAD", "/api/apps")?.rule.permission).toBe("viewer");
    expect(policy.find("OPTIONS", "/api/apps/web")?.rule.permission).toBe("viewer");
  });

  it("lists the methods a path allows, with HEAD and OPTIONS beside GET", () => {
    expect(policy.allowedMethods("/api/audit")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(policy.allowedMethods("/api/nowhere")).toEqual([]);
  });

  it("prefers a literal page over a parameter, as Next.js routing does", () => {
    expect(policy.find("GET", "/apps/new")?.rule.permission).toBe("admin");
    expect(policy.find("GET", "/apps/web")?.rule.permission).toBe("viewer");
  });

  it("requires at least viewer for server actions, and the page's permission when stronger", () => {
    expect(policy.findServerAction("/apps/web")?.rule.permission).toBe("viewer");
    expect(policy.findServerAction("/apps/new")?.rule.permission).toBe("admin");
    expect(policy.findServerAction("/login")?.rule.permission).toBe("viewer");
    expect(policy.findServerAction("/nowhere")).toBeUndefined();
  });

  it("keeps the Projects pages, and the server actions posted to them, for admins", () => {
    expect(policy.find("GET", "/projects")?.rule.permission).toBe("admin");
    expect(policy.find("GET", "/projects/team-a")?.rule.permission).toBe("admin");
    expect(policy.findServerAction("/projects")?.rule.permission).toBe("admin");
    expect(policy.findServerAction("/projects/team-a")?.rule.permission).toBe("admin");
  });

  it("refuses an anonymous rule that does not say why", () => {
    expect(() => createAccessPolicy([{ methods: ["GET"], pattern: "/open", permission: "anonymous" }])).toThrow(/must say why/);
  });

  it("refuses two rules for the same method and route", () => {
    const twice: AccessRule = { methods: ["GET"], pattern: "/api/apps", permission: "viewer" };
    expect(() => createAccessPolicy([twice, { ...twice, permission: "admin" }])).toThrow(/Two access rules cover GET \/api\/apps/);
  });
});
