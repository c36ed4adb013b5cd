import { describe, expect, it } from "vitest";
import type { Principal } from "@/lib/auth/principal";
import { approvalRefusal, promoteRefusal, sourceRefusal } from "./gates";

const principal = (role: Principal["role"], extra: Partial<Principal> = {}): Principal => ({ kind: "user", name: "alice", role, grants: ["*"], mustChangePassword: false, ...extra });
const target = { app: "guestbook-prod", project: "shop" };

describe("sourceRefusal", () => {
  it.each([
    [{ syncStatus: "Synced", healthStatus: "Healthy" }, undefined],
    [{ syncStatus: "OutOfSync", healthStatus: "Healthy" }, 'Stage "dev" cannot be promoted from: app "guestbook-dev" is OutOfSync, not Synced.'],
    [{ syncStatus: "Synced", healthStatus: "Degraded" }, 'Stage "dev" cannot be promoted from: app "guestbook-dev" is Degraded, not Healthy.'],
    [{ syncStatus: "Synced", healthStatus: "Healthy", operationRunning: true }, 'Stage "dev" (app "guestbook-dev") has an operation in progress; promote once it has ended.'],
  ] as const)("answers %o with %s", (state, expected) => {
    expect(sourceRefusal("dev", { app: "guestbook-dev", ...state })).toBe(expected);
  });
});

describe("approvalRefusal", () => {
  it("lets a global admin approve a stage needing the global admin role, and refuses a deployer", () => {
    expect(approvalRefusal(principal("admin"), { role: "admin", scope: "global" }, target)).toBeUndefined();
    expect(approvalRefusal(principal("deployer"), { role: "admin", scope: "global" }, target)).toBe("Approving needs the global admin role; alice is deployer.");
  });

  it("counts a project role only for a project-scoped approval", () => {
    const projectAdmin = principal("viewer", { projectRoles: { shop: "admin" } });
    expect(approvalRefusal(projectAdmin, { role: "admin", scope: "project" }, target)).toBeUndefined();
    expect(approvalRefusal(projectAdmin, { role: "admin", scope: "global" }, target)).toBe("Approving needs the global admin role; alice is viewer.");
  });

  it("refuses a project-scoped approval by someone without the role, saying which", () => {
    expect(approvalRefusal(principal("viewer"), { role: "deployer", scope: "project" }, target)).toBe('Approving needs the deployer role in the project "shop"; This needs the deployer role; alice is viewer.');
  });
});

describe("promoteRefusal", () => {
  it("needs deployer rights on the target app, as a sync does", () => {
    expect(promoteRefusal(principal("deployer", { grants: ["guestbook-*"] }), target)).toBeUndefined();
    expect(promoteRefusal(principal("deployer", { grants: ["billing-*"] }), target)).toBe('alice may not deploy the app "guestbook-prod": it is not among the apps granted.');
    expect(promoteRefusal(principal("viewer", { projectRoles: { shop: "deployer" } }), target)).toBeUndefined();
  });
});
