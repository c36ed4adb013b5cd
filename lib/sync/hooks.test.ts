import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { hookOf, isIgnoredHelmHook, isOutsideDesiredState, isSkipped } from "./hooks";

const withAnnotations = (annotations: Record<string, string>): Pick<KubeObject, "metadata"> => ({ metadata: { name: "x", annotations } });

describe("hookOf", () => {
  it("reads Argo CD's phases and delete policies, BeforeHookCreation by default", () => {
    expect(hookOf(withAnnotations({ "argocd.argoproj.io/hook": "PreSync,PostSync" }))).toEqual({ phases: ["PreSync", "PostSync"], deletePolicies: ["BeforeHookCreation"] });
    expect(hookOf(withAnnotations({ "lockstep.dev/hook": "SyncFail", "lockstep.dev/hook-delete-policy": "HookSucceeded,HookFailed" }))).toEqual({ phases: ["SyncFail"], deletePolicies: ["HookSucceeded", "HookFailed"] });
  });

  it("maps Helm's hooks, weight and delete policies as Argo CD does", () => {
    expect(hookOf(withAnnotations({ "helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-weight": "-3", "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded" }))).toEqual({
      phases: ["PreSync"],
      deletePolicies: ["BeforeHookCreation", "HookSucceeded"],
      helmWeight: -3,
    });
    expect(hookOf(withAnnotations({ "helm.sh/hook": "post-upgrade" }))?.phases).toEqual(["PostSync"]);
  });

  it("lets an Argo CD hook win over Helm's", () => {
    expect(hookOf(withAnnotations({ "helm.sh/hook": "pre-install", "argocd.argoproj.io/hook": "PostSync" }))?.phases).toEqual(["PostSync"]);
  });

  it("is undefined for ordinary objects, Skip, and Helm test hooks", () => {
    expect(hookOf(withAnnotations({}))).toBeUndefined();
    expect(hookOf(withAnnotations({ "argocd.argoproj.io/hook": "Skip" }))).toBeUndefined();
    expect(hookOf(withAnnotations({ "helm.sh/hook": "test" }))).toBeUndefined();
  });
});

describe("objects outside the desired state", () => {
  it("are hooks, Skip objects and Helm hooks Argo CD never runs", () => {
    expect(isSkipped(withAnnotations({ "argocd.argoproj.io/hook": "Skip" }))).toBe(true);
    expect(isIgnoredHelmHook(withAnnotations({ "helm.sh/hook": "test" }))).toBe(true);
    expect(isIgnoredHelmHook(withAnnotations({ "helm.sh/hook": "pre-install" }))).toBe(false);
    expect(isOutsideDesiredState(withAnnotations({ "argocd.argoproj.io/hook": "Sync" }))).toBe(true);
    expect(isOutsideDesiredState(withAnnotations({ "argocd.argoproj.io/sync-wave": "1" }))).toBe(false);
  });
});
