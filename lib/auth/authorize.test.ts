import { describe, expect, it } from "vitest";
import { authorize, authorizeAtTheDoor, type Requirement } from "./authorize";
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

  describe("with projects", () => {
    const inTeamA = (role: Principal["role"]): Principal => user("viewer", { name: `team-a-${role}`, projectRoles: { "team-a": role } });
    const projectViewer = inTeamA("viewer");
    const projectDeployer = inTeamA("deployer");
    const projectAdmin = inTeamA("admin");
    const limitedViewer = user("viewer", { name: "limited", projects: ["team-a"] });
    const limitedDeployer = user("deployer", { name: "limited-deployer", grants: ["*"], projects: ["team-a"] });
    const projectToken: Principal = { kind: "token", name: "token:team-a-ci", role: "deployer", grants: ["*"], projects: ["team-a"], mustChangePassword: false };
    const ownApp = { app: "shop", project: "team-a" };
    const otherApp = { app: "billing", project: "team-b" };

    it.each<[string, Principal, Requirement, number]>([
      ["a project viewer may read an app of its project", projectViewer, { permission: "viewer", ...ownApp }, 200],
      ["a project viewer may not sync an app of its project", projectViewer, { permission: "deployer", ...ownApp }, 403],
      ["a project deployer may sync every app of its project, without grants", projectDeployer, { permission: "deployer", ...ownApp }, 200],
      ["a project deployer may not sync an app of another project", projectDeployer, { permission: "deployer", ...otherApp }, 403],
      ["a project deployer may not change an app of its project", projectDeployer, { permission: "admin", ...ownApp }, 403],
      ["a project deployer who is a global viewer still reads other projects' apps", projectDeployer, { permission: "viewer", ...otherApp }, 200],
      ["a project admin may change an app of its project", projectAdmin, { permission: "admin", ...ownApp }, 200],
      ["a project admin may change its project", projectAdmin, { permission: "admin", project: "team-a" }, 200],
      ["a project admin may not change another project", projectAdmin, { permission: "admin", project: "team-b" }, 403],
      ["a project admin may not change an app of another project", projectAdmin, { permission: "admin", ...otherApp }, 403],
      ["a project admin may not do what concerns no project", projectAdmin, { permission: "admin" }, 403],
      ["project roles do not count when the app's project is unknown", projectDeployer, { permission: "deployer", app: "shop" }, 403],
      ["a global deployer syncs granted apps of any project", deployer, { permission: "deployer", app: "web", project: "team-b" }, 200],
      ["a global admin may change any project", admin, { permission: "admin", project: "team-b" }, 200],
      ["a user limited to a project reads its apps", limitedViewer, { permission: "viewer", ...ownApp }, 200],
      ["a user limited to a project may not read another project's apps", limitedViewer, { permission: "viewer", ...otherApp }, 403],
      ["a user limited to projects may not read an app whose project is unknown", limitedViewer, { permission: "viewer", app: "shop" }, 403],
      ["a user limited to projects still reads lists (filtered)", limitedViewer, { permission: "viewer" }, 200],
      ["a deployer limited to a project deploys its apps", limitedDeployer, { permission: "deployer", ...ownApp }, 200],
      ["a deployer limited to a project may not deploy another project's apps", limitedDeployer, { permission: "deployer", ...otherApp }, 403],
      ["a limited principal's project roles count outside its limit", user("viewer", { projects: ["team-a"], projectRoles: { "team-b": "viewer" } }), { permission: "viewer", ...otherApp }, 200],
      ["a project-scoped token may sync an app of its project", projectToken, { permission: "deployer", ...ownApp }, 200],
      ["a project-scoped token may not sync an app of another project", projectToken, { permission: "deployer", ...otherApp }, 403],
      ["a project-scoped token may not read an app of another project", projectToken, { permission: "viewer", ...otherApp }, 403],
      ["a project-scoped token may not act on every app at once", projectToken, { permission: "deployer" }, 403],
    ])("%s", (_name, principal, requirement, expected) => {
      expect(status(principal, requirement)).toBe(expected);
    });

    it("names the project in a refusal", () => {
      const limited = authorize(limitedViewer, { permission: "viewer", ...otherApp });
      expect(limited.allowed ? "" : limited.reason).toBe('limited is limited to the projects team-a; the app "billing" is in the project "team-b".');
      const weak = authorize(projectViewer, { permission: "deployer", ...ownApp });
      expect(weak.allowed ? "" : weak.reason).toBe('This needs the deployer role; team-a-viewer is viewer in the project "team-a".');
    });

    it("lets project members through the door, where the app's project is not known yet", () => {
      expect(authorizeAtTheDoor(projectDeployer, { permission: "deployer", app: "shop" }).allowed).toBe(true);
      expect(authorizeAtTheDoor(limitedViewer, { permission: "viewer", app: "billing" }).allowed).toBe(true);
      expect(authorizeAtTheDoor(projectViewer, { permission: "deployer", app: "shop" })).toMatchObject({ allowed: false, status: 403 });
      expect(authorizeAtTheDoor(projectDeployer, { permission: "admin" })).toMatchObject({ allowed: false, status: 403 });
      expect(authorizeAtTheDoor(projectAdmin, { permission: "admin", project: "team-b" })).toMatchObject({ allowed: false, status: 403 });
      expect(authorizeAtTheDoor(null, { permission: "viewer", app: "shop" })).toMatchObject({ allowed: false, status: 401 });
    });
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
