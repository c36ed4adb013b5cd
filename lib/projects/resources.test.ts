import { describe, expect, it } from "vitest";
import { checkResource, type ProjectObject } from "./resources";
import { DEFAULT_PROJECT_SPEC, projectSpecSchema } from "./schema";

const app = { name: "web", destCluster: "local", destNamespace: "demo" };

function object(apiVersion: string, kind: string, namespace?: string): ProjectObject {
  return { apiVersion, kind, metadata: { name: "x", ...(namespace ? { namespace } : {}) } };
}

describe("checkResource in the default project", () => {
  it("refuses a ClusterRoleBinding, naming the kind and the project", () => {
    const obj = object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding");
    expect(checkResource(DEFAULT_PROJECT_SPEC, app, obj, { namespaced: false })).toEqual({
      rule: "cluster-resource",
      message: "ClusterRoleBinding is not permitted in project default.",
    });
  });

  it("refuses an object in kube-system, naming the app's namespace", () => {
    expect(checkResource(DEFAULT_PROJECT_SPEC, app, object("v1", "ConfigMap", "kube-system"), { namespaced: true })).toEqual({
      rule: "destination",
      message: "Namespace kube-system is not a destination of project default (the app deploys to demo).",
    });
  });

  it("accepts a ConfigMap in the app's namespace, written or implied", () => {
    expect(checkResource(DEFAULT_PROJECT_SPEC, app, object("v1", "ConfigMap", "demo"), { namespaced: true })).toBeUndefined();
    expect(checkResource(DEFAULT_PROJECT_SPEC, app, object("v1", "ConfigMap"), { namespaced: true })).toBeUndefined();
  });
});

describe("checkResource with kind lists", () => {
  const project = projectSpecSchema.parse({
    name: "team-a",
    destinations: [{ namespace: "team-a-*" }, { namespace: "team-a-prod", deny: true }],
    clusterResources: [
      { group: "rbac.authorization.k8s.io", kind: "ClusterRole" },
      { group: "", kind: "Namespace" },
    ],
    namespacedResourcesDeny: [
      { group: "", kind: "Secret" },
      { group: "*", kind: "*Quota" },
    ],
  });
  const teamApp = { name: "web", destCluster: "local", destNamespace: "team-a-web" };

  it.each([
    ["v1", "Namespace", false, undefined],
    ["rbac.authorization.k8s.io/v1", "ClusterRole", false, undefined],
    ["rbac.authorization.k8s.io/v1", "ClusterRoleBinding", false, "cluster-resource"],
    ["example.com/v1", "Namespace", false, "cluster-resource"],
    ["v1", "Secret", true, "namespaced-resource"],
    ["bitnami.com/v1alpha1", "Secret", true, undefined],
    ["v1", "ResourceQuota", true, "namespaced-resource"],
    ["apps/v1", "Deployment", true, undefined],
  ])("reads the group of %s for %s (namespaced %s) and refuses by %s", (apiVersion, kind, namespaced, rule) => {
    expect(checkResource(project, teamApp, object(apiVersion, kind), { namespaced })?.rule).toBe(rule);
  });

  it.each([
    ["team-a-web", undefined],
    ["team-a-jobs", undefined],
    ["team-a-prod", "destination"],
    ["team-b-web", "destination"],
  ])("puts a Deployment in %s with refusal %s, the deny entry beating the allow glob", (namespace, rule) => {
    expect(checkResource(project, teamApp, object("apps/v1", "Deployment", namespace), { namespaced: true })?.rule).toBe(rule);
  });

  it("does not grant the app's own namespace without appNamespace", () => {
    const elsewhere = { name: "web", destCluster: "local", destNamespace: "other" };
    expect(checkResource(project, elsewhere, object("v1", "ConfigMap"), { namespaced: true })?.rule).toBe("destination");
  });
});
