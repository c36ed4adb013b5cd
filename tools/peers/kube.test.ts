import { describe, expect, it } from "vitest";
import { notEstablished } from "./kube";

const crd = (name: string, conditions: { type: string; status: string }[] | null | undefined) => ({ metadata: { name }, status: conditions === undefined ? undefined : { conditions } });

describe("notEstablished", () => {
  it("names the CRDs of a List whose Established condition is not True yet, null conditions included", () => {
    const answer = {
      items: [
        crd("applications.argoproj.io", [{ type: "NamesAccepted", status: "True" }, { type: "Established", status: "True" }]),
        crd("appprojects.argoproj.io", null),
        crd("applicationsets.argoproj.io", [{ type: "Established", status: "False" }]),
        crd("gitrepositories.source.toolkit.fluxcd.io", undefined),
      ],
    };
    expect(notEstablished(answer)).toEqual(["appprojects.argoproj.io", "applicationsets.argoproj.io", "gitrepositories.source.toolkit.fluxcd.io"]);
  });

  it("reads a single object's answer", () => {
    expect(notEstablished(crd("kustomizations.kustomize.toolkit.fluxcd.io", [{ type: "Established", status: "True" }]))).toEqual([]);
    expect(notEstablished(crd("kustomizations.kustomize.toolkit.fluxcd.io", null))).toEqual(["kustomizations.kustomize.toolkit.fluxcd.io"]);
  });
});
