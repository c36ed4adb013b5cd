import { describe, expect, it } from "vitest";
import { peerVersion, requiredVersion } from "./versions";

describe("requiredVersion", () => {
  it("finds a module's version inside a require block", () => {
    const goMod = "module x\n\nrequire (\n\tgithub.com/a/b v1.0.0 // indirect\n\tgithub.com/argoproj/argo-cd/v3 v3.2.12 // indirect\n)\n";
    expect(requiredVersion(goMod, "github.com/argoproj/argo-cd/v3")).toBe("v3.2.12");
  });

  it("finds a module's version on a single require line", () => {
    expect(requiredVersion("require github.com/fluxcd/source-controller v1.9.6\n", "github.com/fluxcd/source-controller")).toBe("v1.9.6");
  });

  it("does not take a longer module path that starts with the same text", () => {
    expect(requiredVersion("require github.com/fluxcd/source-controller/api v1.9.6\n", "github.com/fluxcd/source-controller")).toBeUndefined();
  });
});

describe("peerVersion", () => {
  it("names the version each of Flux's controllers is pinned to", async () => {
    expect(await peerVersion("flux")).toBe("source-controller v1.9.6, kustomize-controller v1.9.6");
  });

  it("names the Argo CD release the multicall binary is built from", async () => {
    expect(await peerVersion("argocd")).toBe("argocd v3.2.11");
  });
});
