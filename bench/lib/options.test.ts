import { describe, expect, it } from "vitest";
import { BenchUsageError, parseBenchOptions } from "./options";

describe("parseBenchOptions --peers", () => {
  it("measures no GitOps peer unless asked", () => {
    expect(parseBenchOptions([]).peers).toEqual([]);
  });

  it("takes the peers in the order given, once each", () => {
    expect(parseBenchOptions(["--peers", "flux, argocd,flux"]).peers).toEqual(["flux", "argocd"]);
  });

  it("refuses an unknown peer in one sentence naming the known ones", () => {
    expect(() => parseBenchOptions(["--peers", "argocd,spinnaker"])).toThrow(new BenchUsageError('Unknown peer "spinnaker" in --peers; known peers: argocd, flux.'));
  });
});
