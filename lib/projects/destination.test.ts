import { describe, expect, it } from "vitest";
import { checkDestination, isPermittedNamespace } from "./destination";
import { DEFAULT_PROJECT_SPEC, projectSpecSchema } from "./schema";

const teamA = projectSpecSchema.parse({
  name: "team-a",
  destinations: [
    { cluster: "local", namespace: "team-a-*" },
    { cluster: "*", namespace: "team-a-prod", deny: true },
    { cluster: "staging", namespace: "!team-a-legacy" },
  ],
});

describe("checkDestination", () => {
  it("lets the default project deploy an app to any namespace as its own", () => {
    expect(checkDestination(DEFAULT_PROJECT_SPEC, { name: "web", destCluster: "local", destNamespace: "demo" })).toBeUndefined();
  });

  it.each([
    ["local", "team-a-web", true],
    ["local", "team-b-web", false],
    ["staging", "team-a-web", false],
    ["local", "team-a-prod", false],
  ])("on cluster %s, namespace %s is permitted: %s", (destCluster, destNamespace, expected) => {
    expect(checkDestination(teamA, { name: "web", destCluster, destNamespace }) === undefined).toBe(expected);
  });

  it("names the namespace, cluster and project when it refuses", () => {
    expect(checkDestination(teamA, { name: "web", destCluster: "local", destNamespace: "kube-system" })).toEqual({
      rule: "destination",
      message: "Namespace kube-system on cluster local is not a destination of project team-a.",
    });
  });

  it("lets a deny entry beat appNamespace", () => {
    const project = projectSpecSchema.parse({ name: "p", appNamespace: true, destinations: [{ namespace: "kube-*", deny: true }] });
    expect(checkDestination(project, { name: "web", destCluster: "local", destNamespace: "kube-system" })?.rule).toBe("destination");
    expect(checkDestination(project, { name: "web", destCluster: "local", destNamespace: "demo" })).toBeUndefined();
  });
});

describe("isPermittedNamespace", () => {
  it("treats a namespace pattern written with ! as a deny entry", () => {
    const project = projectSpecSchema.parse({ name: "p", destinations: [{ namespace: "*" }, { namespace: "!kube-system" }] });
    expect(isPermittedNamespace(project, "local", "web")).toBe(true);
    expect(isPermittedNamespace(project, "local", "kube-system")).toBe(false);
  });

  it("permits with appNamespace exactly the app's own namespace and no other", () => {
    expect(isPermittedNamespace(DEFAULT_PROJECT_SPEC, "local", "demo", "demo")).toBe(true);
    expect(isPermittedNamespace(DEFAULT_PROJECT_SPEC, "local", "other", "demo")).toBe(false);
  });
});
