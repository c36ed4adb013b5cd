import { describe, expect, it } from "vitest";
import { ACTION_ARGUMENTS, nameArgument } from "./arguments";

describe("server action arguments", () => {
  it("accept what the Sync dialog sends", () => {
    expect(ACTION_ARGUMENTS.sync.safeParse(["web", { prune: true, dryRun: false, resources: ["apps/Deployment/ns/web"], syncAnyway: true }]).success).toBe(true);
    expect(ACTION_ARGUMENTS.sync.safeParse(["web", { prune: false, dryRun: false, resources: [] }]).success).toBe(true);
  });

  it("refuse an unknown key in the sync options, so a history record cannot be made to look like a rollback", () => {
    expect(ACTION_ARGUMENTS.sync.safeParse(["web", { prune: false, dryRun: false, resources: [], kind: "rollback", rollbackOf: "x" }]).success).toBe(false);
  });

  it("refuse extra arguments, missing ones and values of the wrong type", () => {
    expect(ACTION_ARGUMENTS.terminate.safeParse(["web", "op-1", { kind: "rollback" }]).success).toBe(false);
    expect(ACTION_ARGUMENTS.rollback.safeParse(["web", "op-1"]).success).toBe(false);
    expect(ACTION_ARGUMENTS.delete.safeParse(["web", "yes"]).success).toBe(false);
    expect(ACTION_ARGUMENTS.sync.safeParse(["web", { prune: "true", dryRun: false, resources: [] }]).success).toBe(false);
  });

  it("accept a refresh with or without options, and a form with its data", () => {
    expect(ACTION_ARGUMENTS.refresh.safeParse(["web"]).success).toBe(true);
    expect(ACTION_ARGUMENTS.refresh.safeParse(["web", { hard: true }]).success).toBe(true);
    expect(ACTION_ARGUMENTS.createApp.safeParse([{}, new FormData()]).success).toBe(true);
    expect(ACTION_ARGUMENTS.createApp.safeParse([{}, { name: "web" }]).success).toBe(false);
  });

  it("take the name to authorize from the first argument only when it is a string", () => {
    expect(nameArgument(["web", 1])).toBe("web");
    expect(nameArgument([{ name: "web" }])).toBeUndefined();
  });
});
