import { describe, expect, it } from "vitest";
import { appInfoLabels, operationPhaseLabel, reconcileResultOf, repoLabelOf, webhookResultOf } from "./labels";

const app = {
  name: "web",
  project: "team-a",
  destCluster: "local",
  destNamespace: "web",
  repoUrl: "https://git.example/config.git",
  status: { syncStatus: "OutOfSync", healthStatus: "Degraded" },
} as const;

describe("appInfoLabels", () => {
  it("labels an app with its project, destination, repository and current statuses", () => {
    expect(appInfoLabels(app)).toEqual({
      app: "web",
      project: "team-a",
      cluster: "local",
      namespace: "web",
      sync_status: "OutOfSync",
      health_status: "Degraded",
      repo: "https://git.example/config.git",
    });
  });

  it("never puts the credentials of a repository URL in a label", () => {
    const labels = appInfoLabels({ ...app, repoUrl: "https://ci:s3cret-token@git.example/config.git" });
    expect(labels.repo).toBe("https://git.example/config.git");
    expect(JSON.stringify(labels)).not.toContain("s3cret");
  });
});

describe("repoLabelOf", () => {
  it.each([
    ["git@github.com:org/config.git", "git@github.com:org/config.git"],
    ["https://token@git.example/x.git", "https://git.example/x.git"],
    ["-uploadpack=evil", "invalid"],
  ])("labels %s as %s", (url, label) => {
    expect(repoLabelOf(url)).toBe(label);
  });
});

describe("operationPhaseLabel", () => {
  it.each([
    ["Succeeded", undefined, "Succeeded"],
    ["Succeeded", "terminated", "Succeeded"],
    ["Failed", undefined, "Failed"],
    ["Error", undefined, "Error"],
    ["Failed", "terminated", "Terminated"],
    ["Error", "terminated", "Terminated"],
    ["Error", "interrupted", "Interrupted"],
  ] as const)("labels a %s operation stopped by %s as %s", (phase, stop, label) => {
    expect(operationPhaseLabel(phase, stop)).toBe(label);
  });
});

describe("reconcileResultOf", () => {
  it.each([
    [[], "success"],
    [[{ type: "SharedResourceWarning" }], "success"],
    [[{ type: "ComparisonError" }], "error"],
    [[{ type: "ComparisonError" }, { type: "RepoUnreachable" }], "unreachable"],
  ])("reads conditions %j as %s", (conditions, result) => {
    expect(reconcileResultOf({ conditions })).toBe(result);
  });
});

describe("webhookResultOf", () => {
  it.each([
    [{ status: 202, body: { result: "refreshing" as const } }, "refreshing"],
    [{ status: 202, body: { result: "ignored" as const } }, "ignored"],
    [{ status: 200, body: { result: "pong" as const } }, "pong"],
    [{ status: 401, body: {} }, "unauthorized"],
    [{ status: 400, body: {} }, "invalid"],
  ])("reads the answer %j as %s", (answer, result) => {
    expect(webhookResultOf(answer)).toBe(result);
  });
});
