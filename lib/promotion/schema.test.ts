import { describe, expect, it } from "vitest";
import { nextStage, pipelineSpecSchema, previousStage } from "./schema";

const stages = [
  { name: "dev", app: "guestbook-dev" },
  { name: "staging", app: "guestbook-staging", autoPromotion: { soakSeconds: 60 } },
  { name: "prod", app: "guestbook-prod", path: "./services/guestbook/overlays/prod/", approval: { role: "admin" } },
];

const issues = (input: unknown) => {
  const result = pipelineSpecSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe("pipelineSpecSchema", () => {
  it("takes a service's ordered stages, cleaning paths and defaulting the approval scope to the project", () => {
    const pipeline = pipelineSpecSchema.parse({ service: "guestbook", stages });
    expect(pipeline.stages[2]).toEqual({ name: "prod", app: "guestbook-prod", path: "services/guestbook/overlays/prod", approval: { role: "admin", scope: "project" }, syncAfterPromotion: false });
    expect(nextStage(pipeline, "staging")?.name).toBe("prod");
    expect(nextStage(pipeline, "prod")).toBeUndefined();
    expect(previousStage(pipeline, "staging")?.name).toBe("dev");
  });

  it.each([
    [{ service: "guestbook", stages: stages.slice(0, 1) }, "A pipeline needs at least two stages."],
    [{ service: "guestbook", stages: [stages[0], { ...stages[1], name: "dev" }] }, 'The stage name "dev" is used twice.'],
    [{ service: "guestbook", stages: [stages[0], { ...stages[1], app: "guestbook-dev" }] }, 'The app "guestbook-dev" is in two stages.'],
    [{ service: "guestbook", stages: [{ ...stages[0], approval: { role: "admin" } }, stages[1]] }, "The first stage cannot need approval: nothing is promoted into it."],
    [{ service: "guestbook", stages: [stages[0], { ...stages[1], path: "../other" }] }, "A stage's path must be relative to the repository root, without '..'."],
    [{ service: "guestbook", stages: [stages[0], { ...stages[1], approval: { role: "owner" } }] }, "An approval role must be one of viewer, deployer, admin."],
    [{ service: "guestbook", stages: [stages[0], { ...stages[1], autoPromotion: { soakSeconds: -1 } }] }, "soakSeconds must not be negative."],
  ])("refuses %o: %s", (input, message) => {
    expect(issues(input)).toContain(message);
  });
});
