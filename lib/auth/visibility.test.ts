import { describe, expect, it } from "vitest";
import type { Principal } from "./principal";
import { appVisibility, visibleProjects } from "./visibility";

function principal(extra: Partial<Principal> = {}): Principal {
  return { kind: "user", name: "alice", role: "viewer", grants: [], mustChangePassword: false, ...extra };
}

const projectOfApp = new Map([
  ["shop", "team-a"],
  ["billing", "team-b"],
  ["wiki", "default"],
]);

function seen(who: Principal): string[] {
  return [...projectOfApp.keys(), "deleted-app"].filter(appVisibility(who, projectOfApp));
}

describe("visibility", () => {
  it("shows a global viewer every app, as before projects, even with project roles", () => {
    const who = principal({ projectRoles: { "team-a": "deployer" } });
    expect(visibleProjects(who)).toBeUndefined();
    expect(seen(who)).toEqual(["shop", "billing", "wiki", "deleted-app"]);
  });

  it("shows a principal limited to projects their apps and those of projects whose roles bind it", () => {
    const who = principal({ projects: ["team-a"], projectRoles: { default: "viewer" } });
    expect(visibleProjects(who)).toEqual(["default", "team-a"]);
    expect(seen(who)).toEqual(["shop", "wiki"]);
  });

  it("keeps an app-scoped token to its apps", () => {
    const token = principal({ kind: "token", name: "token:ci", scope: ["billing"] });
    expect(seen(token)).toEqual(["billing"]);
  });
});
