import { describe, expect, it } from "vitest";
import { trackedAppOf, type KubeObject } from "./types";

const withAnnotation = (value?: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", ...(value === undefined ? {} : { annotations: { "lockstep.dev/tracking-id": value } }) },
});

describe("trackedAppOf", () => {
  it("reads the app from the tracking annotation", () => {
    expect(trackedAppOf(withAnnotation("shop:apps/Deployment:ns/web"))).toBe("shop");
  });

  it("names no app for an object without the annotation or with a malformed one", () => {
    expect(trackedAppOf(withAnnotation())).toBeUndefined();
    expect(trackedAppOf(withAnnotation(":apps/Deployment:ns/web"))).toBeUndefined();
    expect(trackedAppOf(withAnnotation("no-colon"))).toBeUndefined();
  });
});
