import { describe, expect, it } from "vitest";
import { authorize, type Requirement } from "./authorize";
import type { Principal } from "./principal";

function user(role: Principal["role"], extra: Partial<Principal> = {}): Principal {
  return { kind: "user", name: `${role}-user`, role, grants: role === "admin" ? ["*"] : [], mustChangePassword: false, ...extra };
}

const viewer = user("viewer");
const deployer = user("deployer", { grants: ["web", "team-a-*"] });
const admin = user("admin");
const scopedToken: Principal = { kind: "token", name: "token:ci", role: "deployer", grants: ["web"], scope: ["web"], mustChangePassword: false };

function status(principal: Principal | null, requirement: Requirement): number {
  const decision = authorize(principal, requirement);
  return decision.allowed ? 200 : decision.status;
}

describe("authorize", () => {
  it.each<[string, Principal | null, Requirement, number]>([
    ["anyone may use an anonymous route", null, { permission: "anonymous" }, 200],
    ["nobody signed in gets 401 for a viewer route", null, { permission: "viewer" }, 401],
    ["a viewer may read", viewer, { permission: "viewer", app: "web" }, 200],
    ["a viewer may not sync", viewer, { permission: "deployer", app: "web" }, 403],
    ["a deployer may sync a granted app", deployer, { permission: "deployer", app: "web" }, 200],
    ["a deployer may sync an app matching a granted glob", deployer, { permission: "deployer", app: "team-a-api" }, 200],
    ["a deployer may not sync an app not granted", deployer, { permission: "deployer", app: "billing" }, 403],
    ["a deployer may not create apps", deployer, { permission: "admin" }, 403],
    ["an admin may sync any app", admin, { permission: "deployer", app: "billing" }, 200],
    ["an admin may administer", admin, { permission: "admin" }, 200],
    ["a scoped token may sync its app", scopedToken, { permission: "deployer", app: "web" }, 200],
    ["a scoped token may not read another app", scopedToken, { permission: "viewer", app: "billing" }, 403],
    ["a scoped token may read lists", scopedToken, { permission: "viewer" }, 200],
    ["a scoped token may not act on no app in particular", scopedToken, { permission: "deployer" }, 403],
  ])("%s", (_name, principal, requirement, expected) => {
    expect(status(principal, requirement)).toBe(expected);
  });

  it("lets a user whose password must change do nothing but signed-in things", () => {
    const pending = user("admin", { mustChangePassword: true });
    expect(status(pending, { permission: "signed-in" })).toBe(200);
    const decision = authorize(pending, { permission: "viewer" });
    expect(decision).toEqual({ allowed: false, status: 403, reason: expect.stringMatching(/Change your password first/) });
  });

  it("explains a refusal in one sentence naming the role needed", () => {
    const decision = authorize(viewer, { permission: "admin" });
    expect(decision.allowed ? "" : decision.reason).toBe("This needs the admin role; viewer-user is viewer.");
  });
});
