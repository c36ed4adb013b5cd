import { describe, expect, it } from "vitest";
import { matchesStep, rolloutOf, type RolloutApp } from "./progressive";

const strategy = { steps: [{ matchLabels: { env: "dev" } }, { matchLabels: { env: "staging" } }, { matchLabels: { env: "prod" } }] };
const app = (name: string, env: string, state: Partial<RolloutApp> = {}): RolloutApp => ({ name, labels: { env }, syncStatus: "OutOfSync", healthStatus: "Healthy", busy: false, ...state });
const done = { syncStatus: "Synced", healthStatus: "Healthy" } as const;

describe("a progressive rollout", () => {
  it("syncs only the first step while it is not Synced and Healthy", () => {
    const state = rolloutOf(strategy, [app("a-dev", "dev"), app("a-staging", "staging"), app("a-prod", "prod")]);
    expect(state.steps.map((s) => s.state)).toEqual(["Progressing", "Waiting", "Waiting"]);
    expect(state.toSync).toEqual(["a-dev"]);
  });

  it("waits while an earlier step's app is Synced but not Healthy", () => {
    const state = rolloutOf(strategy, [app("a-dev", "dev", { syncStatus: "Synced", healthStatus: "Progressing" }), app("a-staging", "staging")]);
    expect(state.steps[0]!.state).toBe("Progressing");
    expect(state.toSync).toEqual([]);
  });

  it("moves on once every app of the earlier steps is Synced and Healthy", () => {
    const state = rolloutOf(strategy, [app("a-dev", "dev", done), app("b-dev", "dev", done), app("a-staging", "staging"), app("a-prod", "prod")]);
    expect(state.steps.map((s) => s.state)).toEqual(["Done", "Progressing", "Waiting"]);
    expect(state.toSync).toEqual(["a-staging"]);
  });

  it("does not sync an app whose operation is under way again", () => {
    expect(rolloutOf(strategy, [app("a-dev", "dev", { busy: true })]).toSync).toEqual([]);
  });

  it("puts each app in the first step it matches and lists the apps no step selects", () => {
    const state = rolloutOf(strategy, [app("a-dev", "dev", done), app("a-test", "test")]);
    expect(state.steps[0]!.apps.map((a) => a.name)).toEqual(["a-dev"]);
    expect(state.unmatched).toEqual(["a-test"]);
    expect(state.steps.map((s) => s.state)).toEqual(["Done", "Done", "Done"]);
  });

  it("matches a step when every label it names has its value", () => {
    expect(matchesStep({ env: "dev", tier: "web" }, { env: "dev" })).toBe(true);
    expect(matchesStep({ env: "dev" }, { env: "dev", tier: "web" })).toBe(false);
  });
});
