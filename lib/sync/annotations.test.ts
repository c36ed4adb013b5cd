import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { ignoresExtraneous, parseOptionList, steeringAnnotation, syncOptionsOf } from "./annotations";

const withAnnotations = (annotations: Record<string, string>): Pick<KubeObject, "metadata"> => ({ metadata: { name: "x", annotations } });

describe("steeringAnnotation", () => {
  it("reads Argo CD's annotation, and Lockstep's over it when both are set", () => {
    expect(steeringAnnotation(withAnnotations({ "argocd.argoproj.io/sync-wave": " 2 " }), "sync-wave")).toBe("2");
    expect(steeringAnnotation(withAnnotations({ "argocd.argoproj.io/sync-wave": "2", "lockstep.dev/sync-wave": "5" }), "sync-wave")).toBe("5");
    expect(steeringAnnotation(withAnnotations({}), "sync-wave")).toBeUndefined();
  });
});

describe("parseOptionList", () => {
  it("reads Key=Value pairs separated by commas, bare words as true", () => {
    expect(Object.fromEntries(parseOptionList("Prune=false, ServerSideApply=true,IgnoreExtraneous"))).toEqual({ Prune: "false", ServerSideApply: "true", IgnoreExtraneous: "true" });
  });
});

describe("syncOptionsOf", () => {
  it("reads every sync option Lockstep honours", () => {
    const options = syncOptionsOf(withAnnotations({ "argocd.argoproj.io/sync-options": "Prune=false,Delete=false,PruneLast=true,Replace=true,Validate=false,CreateNamespace=true" }));
    expect(options).toEqual({ noPrune: true, noDelete: true, pruneLast: true, replace: true, skipValidation: true, createNamespace: true });
  });

  it("leaves every option off when the annotation is absent or says otherwise", () => {
    expect(Object.values(syncOptionsOf(withAnnotations({ "argocd.argoproj.io/sync-options": "Prune=true,Validate=true" }))).some(Boolean)).toBe(false);
  });
});

describe("ignoresExtraneous", () => {
  it("is true only for compare-options IgnoreExtraneous", () => {
    expect(ignoresExtraneous(withAnnotations({ "argocd.argoproj.io/compare-options": "IgnoreExtraneous" }))).toBe(true);
    expect(ignoresExtraneous(withAnnotations({ "argocd.argoproj.io/compare-options": "ServerSideDiff=true" }))).toBe(false);
  });
});
