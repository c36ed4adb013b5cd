import { describe, expect, it } from "vitest";
import { appSpecSchema, type AppSpec } from "@/lib/apps/spec";
import { changedFields, planChanges, type ExistingApp } from "./plan";
import type { GeneratedApp } from "./render";

const spec = (name: string, extra: Partial<AppSpec> = {}): AppSpec => appSpecSchema.parse({ name, repoUrl: "https://git.example.com/c.git", destNamespace: name, ...extra });
const generated = (name: string, extra: Partial<AppSpec> = {}): GeneratedApp => ({ spec: spec(name, extra), labels: {} });
const owned = (name: string, extra: Partial<AppSpec> = {}, appSet: string | null = "svc"): ExistingApp => ({ ...spec(name, extra), appSet });

describe("the plan of a set", () => {
  it("creates new apps, leaves equal ones and names the fields an update changes", () => {
    const plan = planChanges("svc", "sync", [generated("a"), generated("b", { path: "new" })], [owned("b", { path: "old" })]);
    expect(plan).toEqual([
      { action: "create", name: "a", spec: spec("a") },
      { action: "update", name: "b", update: { path: "new" }, changes: [{ field: "path", from: "old", to: "new" }], allowed: true },
    ]);
    expect(planChanges("svc", "sync", [generated("b")], [owned("b")])).toEqual([{ action: "unchanged", name: "b" }]);
  });

  it("deletes apps the generator no longer gives only when the policy allows deletion", () => {
    expect(planChanges("svc", "sync", [], [owned("gone")])).toEqual([{ action: "delete", name: "gone", allowed: true }]);
    expect(planChanges("svc", "create-update", [], [owned("gone")])).toEqual([{ action: "delete", name: "gone", allowed: false }]);
    expect(planChanges("svc", "create-delete", [], [owned("gone")])).toEqual([{ action: "delete", name: "gone", allowed: true }]);
  });

  it("marks updates not allowed under create-only and create-delete", () => {
    const [change] = planChanges("svc", "create-only", [generated("b", { prune: true })], [owned("b")]);
    expect(change).toMatchObject({ action: "update", allowed: false });
  });

  it("leaves alone an app of the same name the set does not own", () => {
    expect(planChanges("svc", "sync", [generated("a")], [owned("a", {}, null)])).toEqual([{ action: "conflict", name: "a", message: "App a already exists (made by hand); app set svc leaves it alone." }]);
    expect(planChanges("svc", "sync", [], [owned("x", {}, "other")])).toEqual([]);
  });

  it("counts absent and empty ignoreDifferences alike", () => {
    expect(changedFields(spec("a", { ignoreDifferences: [] }), spec("a"))).toEqual([]);
  });
});
