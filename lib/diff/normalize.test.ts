import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { IGNORED_PATHS, normalizeForDiff } from "./normalize";
import { LIVE_DEPLOYMENT } from "./testdata/deployment";
import { parseObject } from "./testdata/parse";

describe("normalizeForDiff", () => {
  const live = parseObject(LIVE_DEPLOYMENT);
  const normalized = normalizeForDiff(live);

  it.each(["managedFields", "resourceVersion", "uid", "generation", "creationTimestamp"])(
    "drops metadata.%s, which the API server writes",
    (field) => {
      expect(live.metadata[field]).toBeDefined();
      expect(normalized.metadata[field]).toBeUndefined();
    },
  );

  it("drops the top-level status", () => {
    expect(normalized.status).toBeUndefined();
  });

  it("drops bookkeeping annotations and keeps the user's", () => {
    expect(normalized.metadata.annotations).toEqual({ "lockstep.dev/tracking-id": "shop:apps/Deployment:shop/web" });
  });

  it("keeps the spec, nested creationTimestamp of the pod template included", () => {
    expect(normalized.spec).toEqual(live.spec);
  });

  it("drops annotation and label maps that end up empty", () => {
    const obj: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", labels: {}, annotations: { "deployment.kubernetes.io/revision": "1" } },
    };
    expect(normalizeForDiff(obj).metadata).toEqual({ name: "c" });
  });

  it("leaves its input untouched", () => {
    expect(live.metadata.managedFields).toBeDefined();
    expect(live.status).toBeDefined();
    expect(live.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
  });
});

describe("IGNORED_PATHS", () => {
  it.each([
    "metadata.managedFields",
    "metadata.resourceVersion",
    "metadata.uid",
    "metadata.generation",
    "metadata.creationTimestamp",
    "metadata.selfLink",
    "metadata.deletionGracePeriodSeconds",
    'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
    'metadata.annotations["deployment.kubernetes.io/revision"]',
    "status",
  ])("names %s as formatFieldPath prints it", (path) => {
    expect(IGNORED_PATHS).toContain(path);
  });
});
