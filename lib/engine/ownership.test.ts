import { describe, expect, it } from "vitest";
import { ADOPT_ANNOTATION, TRACKING_ANNOTATION, type KubeObject } from "@/lib/types";
import { ownershipRefusal } from "./ownership";

const object = (annotations: Record<string, string> = {}): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "shared", namespace: "demo", annotations } });
const trackedBy = (app: string) => object({ [TRACKING_ANNOTATION]: `${app}:/ConfigMap:demo/shared` });

describe("ownershipRefusal", () => {
  it.each([
    ["the app's own object", trackedBy("web"), object(), undefined],
    ["another app's object", trackedBy("billing"), object(), "ConfigMap/demo/shared exists and is owned by app billing; Lockstep will not take it over."],
    ["an unmanaged object", object(), object(), `ConfigMap/demo/shared exists and is not managed by Lockstep (unmanaged); set the annotation ${ADOPT_ANNOTATION}: "true" on the manifest to adopt it.`],
    ["an unmanaged object the manifest adopts", object(), object({ [ADOPT_ANNOTATION]: "true" }), undefined],
    ["another app's object the manifest adopts", trackedBy("billing"), object({ [ADOPT_ANNOTATION]: "true" }), undefined],
  ])("answers for %s", (_name, live, desired, message) => {
    expect(ownershipRefusal("web", desired, live)?.message).toBe(message);
  });
});
